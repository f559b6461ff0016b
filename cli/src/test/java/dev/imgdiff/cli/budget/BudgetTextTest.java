package dev.imgdiff.cli.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.cli.render.Style;
import org.junit.jupiter.api.Test;

class BudgetTextTest {
    @Test
    void eachRuleWithLimitAndActualAndTheOffendersOfFailures() {
        String t = new BudgetText(new Style(false)).render(Reports.failing());
        assertThat(t).isEqualTo("""
                Budget budget.yml for app.tar
                        rule                           limit     actual
                  FAIL  max-size                       400 MB    412 MB
                           300 MB  layer 4: RUN apt-get install gcc
                  pass  max-layers                     12        9
                  FAIL  categories.toolchain           0 B       187 MB
                          33.7 MB  /usr/lib/gcc/x86_64-linux-gnu/12/cc1
                             10 B  /usr/bin/evil|name\\x1b[31m
                  FAIL  forbid-paths                   none      38 paths, 15.1 MB  (patterns **/.git/**)
                          15.1 MB  /app/.git (37 files)
                  skip  dive.highestUserWastedPercent  disabled  25%
                Budget failed: 3 of 5 rules broken, 1 skipped
                """);
    }

    @Test
    void colouredOnATerminalAndImageTextStaysInert() {
        String t = new BudgetText(new Style(true)).render(Reports.failing());
        assertThat(t).contains("\u001b[31m\u001b[1mFAIL\u001b[0m\u001b[0m").contains("\u001b[32mpass\u001b[0m");
        assertThat(t).doesNotContain("evil|name\u001b");
        String p = new BudgetText(new Style(false)).render(Reports.passing());
        assertThat(p).endsWith("Budget passed: 3 of 3 rules kept\n");
        assertThat(p).contains("max-growth.size  5%      -2.00 MB (-1%)  (against base.json)");
    }

    @Test
    void figuresThatReadTheSameAreGivenExactly() {
        var r = new dev.imgdiff.budget.RuleResult("max-size", "image size", dev.imgdiff.budget.RuleResult.Bound.MAX,
                new dev.imgdiff.budget.Figure.Bytes(400_000_000), new dev.imgdiff.budget.Figure.Bytes(400_000_001),
                dev.imgdiff.budget.RuleResult.Status.FAIL, java.util.List.of(), "");
        assertThat(Figures.failure(r)).isEqualTo("image size 400,000,001 B exceeds the limit of 400,000,000 B");
        assertThat(Figures.shorten("/a/" + "x".repeat(200) + "/end", 21)).isEqualTo("/a/xxxxxxx…xxxxxx/end").hasSize(21);
    }
}
