package dev.imgdiff.cli.budget;

import dev.imgdiff.budget.BudgetReport;
import dev.imgdiff.budget.Offender;
import dev.imgdiff.budget.RuleResult;
import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.cli.render.Style;
import java.util.ArrayList;
import java.util.List;

/** The budget's verdicts for people: one line per rule, the offenders under each failure, and the outcome. */
public final class BudgetText {
    private final Style style;

    public BudgetText(Style style) {
        this.style = style;
    }

    public String render(BudgetReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(style.bold("Budget")).append(' ').append(Sanitizer.clean(report.source()))
                .append(" for ").append(Sanitizer.clean(report.image()));
        if (report.baseline() != null) {
            sb.append(", baseline ").append(Sanitizer.clean(report.baseline()));
        }
        sb.append('\n');
        for (String w : report.warnings()) {
            sb.append(style.yellow("  warning: ")).append(Sanitizer.clean(w)).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        int wRule = 4;
        int wLimit = 5;
        for (RuleResult r : report.results()) {
            String[] p = Figures.pair(r);
            String limit = r.status() == RuleResult.Status.SKIP && r.limit() == null ? "disabled" : p[0];
            String[] row = {Sanitizer.clean(r.rule()), limit, p[1]};
            rows.add(row);
            wRule = Math.max(wRule, row[0].length());
            wLimit = Math.max(wLimit, row[1].length());
        }
        sb.append(style.dim(String.format("  %-4s  %-" + wRule + "s  %-" + wLimit + "s  %s", "", "rule", "limit", "actual")))
                .append('\n');
        for (int i = 0; i < rows.size(); i++) {
            RuleResult r = report.results().get(i);
            String[] row = rows.get(i);
            String status = switch (r.status()) {
                case PASS -> style.green("pass");
                case FAIL -> style.red(style.bold("FAIL"));
                case SKIP -> style.dim("skip");
            };
            String actual = r.failed() ? style.red(row[2]) : row[2];
            sb.append("  ").append(status).append("  ").append(pad(row[0], wRule)).append("  ").append(pad(row[1], wLimit))
                    .append("  ").append(actual);
            if (!r.note().isEmpty() && (r.failed() || r.note().startsWith("ignoring") || r.rule().startsWith("max-growth"))) {
                sb.append(style.dim("  (" + Sanitizer.clean(r.note()) + ")"));
            }
            sb.append('\n');
            if (r.failed()) {
                for (Offender o : r.offenders()) {
                    sb.append("        ").append(style.dim(String.format("%9s", Sizes.human(o.bytes())))).append("  ")
                            .append(Figures.shorten(Sanitizer.clean(o.what()), 100));
                    if (o.files() > 1) {
                        sb.append(style.dim(" (" + Sizes.count(o.files()) + " files)"));
                    }
                    sb.append('\n');
                }
            }
        }
        long total = report.results().size();
        long failed = report.failures();
        long skipped = report.skipped();
        String tail = skipped > 0 ? ", " + skipped + " skipped" : "";
        if (failed > 0) {
            sb.append(style.red(style.bold("Budget failed"))).append(": ").append(failed).append(" of ").append(total)
                    .append(total == 1 ? " rule" : " rules").append(" broken").append(tail).append('\n');
        } else {
            sb.append(style.green(style.bold("Budget passed"))).append(": ").append(total - skipped).append(" of ")
                    .append(total).append(total == 1 ? " rule" : " rules").append(" kept").append(tail).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
