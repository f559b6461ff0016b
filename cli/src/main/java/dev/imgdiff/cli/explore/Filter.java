package dev.imgdiff.cli.explore;

import dev.imgdiff.budget.Glob;
import java.util.regex.Pattern;

/**
 * The path filter: a glob when the text has {@code *} or {@code ?} ({@code **} crosses directories; a
 * glob without a leading {@code /} matches at any depth), otherwise a regular expression found anywhere
 * in the path. A path shows when it matches or a directory above it does.
 */
final class Filter {
    static final Filter NONE = new Filter("", null, false);

    private final String text;
    private final Pattern pattern;
    /** A glob matches the whole path; a regular expression anywhere in it. */
    private final boolean whole;

    private Filter(String text, Pattern pattern, boolean whole) {
        this.text = text;
        this.pattern = pattern;
        this.whole = whole;
    }

    /**
     * @throws IllegalArgumentException when the text is not a valid regular expression or glob
     */
    static Filter of(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
            // The same path patterns as budgets' forbid-paths and ignore lists: they match whole paths.
            return new Filter(text, Glob.of(text).regex(), true);
        }
        return new Filter(text, Pattern.compile(text), false);
    }

    String text() {
        return text;
    }

    boolean isNone() {
        return pattern == null;
    }

    /**
     * Which nodes show: those whose path matches or sits below a matching directory, indexed by
     * {@link PathTree.Node#order}; null when there is no filter.
     */
    boolean[] mask(PathTree tree) {
        if (pattern == null) {
            return null;
        }
        PathTree.Node[] nodes = tree.nodes();
        boolean[] m = new boolean[nodes.length];
        // Nodes come depth first, so one buffer holds the current path; ends[d] is where depth d's name ends.
        StringBuilder path = new StringBuilder(256);
        int[] ends = new int[16];
        java.util.regex.Matcher matcher = pattern.matcher("");
        for (int i = 1; i < nodes.length; i++) {
            PathTree.Node n = nodes[i];
            int d = n.depth;
            path.setLength(d == 0 ? 0 : ends[d - 1]);
            path.append('/').append(n.name);
            if (d >= ends.length) {
                ends = java.util.Arrays.copyOf(ends, ends.length * 2);
            }
            ends[d] = path.length();
            m[i] = m[n.parent.order] || (whole ? matcher.reset(path).matches() : matcher.reset(path).find());
        }
        return m;
    }
}
