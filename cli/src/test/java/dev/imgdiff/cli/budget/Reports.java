package dev.imgdiff.cli.budget;

import dev.imgdiff.budget.BudgetReport;
import dev.imgdiff.budget.Figure;
import dev.imgdiff.budget.Offender;
import dev.imgdiff.budget.RuleResult;
import dev.imgdiff.budget.RuleResult.Bound;
import dev.imgdiff.budget.RuleResult.Status;
import java.util.List;

/** Budget verdicts written by hand, for the renderers' tests. */
final class Reports {
    private Reports() {
    }

    static BudgetReport failing() {
        return new BudgetReport("app.tar", null, "budget.yml", List.of(
                new RuleResult("max-size", "image size", Bound.MAX, new Figure.Bytes(400_000_000),
                        new Figure.Bytes(412_345_678), Status.FAIL,
                        List.of(new Offender("layer 4: RUN apt-get install gcc", 300_000_000, 1)), ""),
                new RuleResult("max-layers", "layers", Bound.MAX, new Figure.Count(12), new Figure.Count(9), Status.PASS,
                        List.of(), ""),
                new RuleResult("categories.toolchain", "toolchain bytes", Bound.MAX, new Figure.Bytes(0),
                        new Figure.Bytes(187_000_000), Status.FAIL,
                        List.of(new Offender("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", 33_700_000, 1),
                                new Offender("/usr/bin/evil|name\u001b[31m", 10, 1)), ""),
                new RuleResult("forbid-paths", "forbidden paths", Bound.MAX, new Figure.Paths(0, 0),
                        new Figure.Paths(38, 15_100_000), Status.FAIL,
                        List.of(new Offender("/app/.git", 15_100_000, 37)), "patterns **/.git/**"),
                new RuleResult("dive.highestUserWastedPercent", "dive user wasted percent", Bound.MAX, null,
                        new Figure.Percent(0.25), Status.SKIP, List.of(), "disabled")),
                List.of());
    }

    static BudgetReport passing() {
        return new BudgetReport("slim.tar", "base.json", "budget.yml", List.of(
                new RuleResult("max-size", "image size", Bound.MAX, new Figure.Bytes(400_000_000),
                        new Figure.Bytes(150_000_000), Status.PASS, List.of(), ""),
                new RuleResult("min-efficiency", "efficiency (content / image size)", Bound.MIN, new Figure.Ratio(0.95),
                        new Figure.Ratio(0.98765), Status.PASS, List.of(), ""),
                new RuleResult("max-growth.size", "growth of the image size", Bound.MAX, new Figure.Percent(0.05),
                        new Figure.Growth(-2_000_000, -0.01), Status.PASS, List.of(), "against base.json")),
                List.of());
    }
}
