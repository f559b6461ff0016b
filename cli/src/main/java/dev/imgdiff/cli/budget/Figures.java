package dev.imgdiff.cli.budget;

import dev.imgdiff.budget.Figure;
import dev.imgdiff.budget.RuleResult;
import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import java.math.BigDecimal;
import java.util.Locale;

/** Words for the figures of a budget's verdicts, shared by the text, JUnit and Markdown outputs. */
final class Figures {
    private Figures() {
    }

    /**
     * The limit and the actual figure as text; when the short forms of two different figures read the same
     * ("400 MB" and "400 MB"), both are given exactly.
     */
    static String[] pair(RuleResult r) {
        String limit = format(r.limit(), false);
        String actual = format(r.actual(), false);
        if (r.limit() != null && r.actual() != null && !r.limit().equals(r.actual())
                && core(r.limit(), r.actual(), false).equals(core(r.actual(), r.limit(), false))
                && !core(r.limit(), r.actual(), true).equals(core(r.actual(), r.limit(), true))) {
            limit = format(r.limit(), true);
            actual = format(r.actual(), true);
        }
        return new String[]{limit, actual};
    }

    /** The part of a figure that compares with the other figure: a growth's bytes or share against a limit. */
    private static String core(Figure f, Figure other, boolean exact) {
        if (f instanceof Figure.Growth g) {
            if (other instanceof Figure.Percent && g.fraction() != null) {
                return format(new Figure.Percent(Math.abs(g.fraction())), exact);
            }
            return format(new Figure.Bytes(Math.abs(g.bytes())), exact);
        }
        return format(f, exact);
    }

    static String format(Figure f, boolean exact) {
        if (f == null) {
            return "—";
        }
        if (f instanceof Figure.Bytes b) {
            return exact ? Sizes.count(b.bytes()) + " B" : Sizes.human(b.bytes());
        }
        if (f instanceof Figure.Percent p) {
            return percent(p.fraction(), exact);
        }
        if (f instanceof Figure.Ratio r) {
            return exact ? BigDecimal.valueOf(r.value()).toPlainString() : trim(String.format(Locale.ROOT, "%.4f", r.value()));
        }
        if (f instanceof Figure.Count c) {
            return Sizes.count(c.count());
        }
        if (f instanceof Figure.Paths p) {
            return p.count() == 0 ? "none" : Sizes.count(p.count()) + (p.count() == 1 ? " path, " : " paths, ")
                    + (exact ? Sizes.count(p.bytes()) + " B" : Sizes.human(p.bytes()));
        }
        Figure.Growth g = (Figure.Growth) f;
        String bytes = exact ? (g.bytes() > 0 ? "+" : "") + Sizes.count(g.bytes()) + " B" : Sizes.signed(g.bytes());
        if (g.fraction() == null) {
            return g.bytes() == 0 ? bytes : bytes + " (from nothing)";
        }
        return bytes + " (" + (g.fraction() > 0 ? "+" : "") + percent(g.fraction(), exact) + ")";
    }

    private static String percent(double fraction, boolean exact) {
        if (exact) {
            return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
        return trim(String.format(Locale.ROOT, "%.2f", fraction * 100)) + "%";
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Long text cut in the middle to {@code max} characters ("/root/.npm/_cacache/…/3f8f52a4"). */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int head = (max - 1) / 2;
        int tail = max - 1 - head;
        return s.substring(0, head) + "…" + s.substring(s.length() - tail);
    }

    /** "image size 412 MB exceeds the limit of 400 MB": what a failure says. */
    static String failure(RuleResult r) {
        String[] p = pair(r);
        String verb = r.bound() == RuleResult.Bound.MIN ? "is below" : "exceeds";
        if (r.limit() instanceof Figure.Paths) {
            return Sanitizer.clean(r.what() + ": " + p[1] + " (none allowed)");
        }
        return Sanitizer.clean(r.what() + " " + p[1] + " " + verb + " the " + (r.bound() == RuleResult.Bound.MIN
                ? "minimum" : "limit") + " of " + p[0]);
    }
}
