package dev.imgdiff.budget;

import java.util.List;

/**
 * The outcome of a budget for one image.
 *
 * @param image    the image checked
 * @param baseline what growth was measured against, or null
 * @param source   where the rules came from
 * @param results  one per rule, in the budget's order
 * @param warnings about the budget (keys ignored) or its evaluation
 */
public record BudgetReport(String image, String baseline, String source, List<RuleResult> results,
                           List<String> warnings) {
    public BudgetReport {
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return results.stream().noneMatch(RuleResult::failed);
    }

    public long failures() {
        return results.stream().filter(RuleResult::failed).count();
    }

    public long skipped() {
        return results.stream().filter(r -> r.status() == RuleResult.Status.SKIP).count();
    }
}
