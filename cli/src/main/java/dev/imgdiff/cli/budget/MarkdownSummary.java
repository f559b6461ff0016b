package dev.imgdiff.cli.budget;

import dev.imgdiff.budget.BudgetReport;
import dev.imgdiff.budget.Offender;
import dev.imgdiff.budget.RuleResult;
import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;

/**
 * The budget's verdicts in Markdown, for a pull-request comment or a GitHub job summary: a table of the
 * rules with ✅ or ❌, then the offenders of each broken rule. Text from the image is escaped so that it
 * shows as written and cannot add markup.
 */
public final class MarkdownSummary {
    static final String PASS = "✅";
    static final String FAIL = "❌";
    static final String SKIP = "➖";

    private MarkdownSummary() {
    }

    public static String render(BudgetReport report) {
        StringBuilder sb = new StringBuilder();
        long total = report.results().size();
        long failed = report.failures();
        sb.append("### ").append(failed > 0 ? FAIL + " imgdiff budget failed: " + failed + " of " + total
                + (total == 1 ? " rule" : " rules") + " broken" : PASS + " imgdiff budget passed").append("\n\n");
        sb.append("Image ").append(esc(report.image())).append(" · budget ").append(esc(report.source()));
        if (report.baseline() != null) {
            sb.append(" · baseline ").append(esc(report.baseline()));
        }
        sb.append("\n\n");
        sb.append("| | Rule | Limit | Actual |\n");
        sb.append("|---|---|---:|---:|\n");
        for (RuleResult r : report.results()) {
            String[] p = Figures.pair(r);
            String limit = r.status() == RuleResult.Status.SKIP && r.limit() == null ? "disabled" : p[0];
            sb.append("| ").append(icon(r)).append(" | ").append(esc(r.rule())).append(" | ").append(esc(limit))
                    .append(" | ").append(esc(p[1])).append(" |\n");
        }
        for (RuleResult r : report.results()) {
            if (!r.failed() || r.offenders().isEmpty()) {
                continue;
            }
            boolean paths = r.rule().equals("forbid-paths");
            sb.append("\n**").append(FAIL).append(' ').append(esc(r.rule())).append("**: ").append(esc(Figures.failure(r)))
                    .append("\n\n");
            sb.append(paths ? "| Path | Bytes | Files |\n|---|---:|---:|\n" : "| Largest | Bytes |\n|---|---:|\n");
            for (Offender o : r.offenders()) {
                sb.append("| ").append(esc(Figures.shorten(Sanitizer.clean(o.what()), 120))).append(" | ").append(Sizes.human(o.bytes()));
                if (paths) {
                    sb.append(" | ").append(Sizes.count(o.files()));
                }
                sb.append(" |\n");
            }
        }
        for (String w : report.warnings()) {
            sb.append("\n> warning: ").append(esc(w)).append('\n');
        }
        return sb.toString();
    }

    static String icon(RuleResult r) {
        return switch (r.status()) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case SKIP -> SKIP;
        };
    }

    /** Plain text in a table cell: no markup, no HTML, no line breaks. */
    static String esc(String s) {
        return dev.imgdiff.cli.render.MarkdownRenderer.text(s);
    }
}
