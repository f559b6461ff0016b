package dev.imgdiff.budget;

import java.util.List;

/**
 * The verdict of one rule.
 *
 * @param rule      the rule as the budget names it ("max-size", "categories.toolchain", "forbid-paths",
 *                  "max-growth.size", "dive.lowestEfficiency")
 * @param what      what is measured, in words ("image size", "toolchain bytes")
 * @param bound     whether the limit is a maximum or a minimum
 * @param limit     the limit (for forbidden paths: none)
 * @param actual    what the image has
 * @param status    pass, fail, or skip (a dive rule turned off)
 * @param offenders the largest paths or packages behind the figure, biggest first
 * @param note      more about the figure (the patterns, what was ignored), or empty
 */
public record RuleResult(String rule, String what, Bound bound, Figure limit, Figure actual, Status status,
                         List<Offender> offenders, String note) {
    public RuleResult {
        offenders = List.copyOf(offenders);
    }

    /** Outcomes. */
    public enum Status { PASS, FAIL, SKIP }

    /** Which side of the limit passes. */
    public enum Bound {
        /** actual ≤ limit passes. */
        MAX,
        /** actual ≥ limit passes. */
        MIN
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
