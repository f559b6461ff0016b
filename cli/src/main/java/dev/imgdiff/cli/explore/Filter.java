package dev.imgdiff.cli.explore;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The path filter: a glob when the text has {@code *} or {@code ?} ({@code **} crosses directories; a
 * glob without a leading {@code /} matches at any depth), otherwise a regular expression found anywhere
 * in the path. A path shows when it matches or a directory above it does.
 */
final class Filter {
    static final Filter NONE = new Filter("", null);

    private final String text;
    private final Pattern pattern;

    private Filter(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * @throws PatternSyntaxException when the text is not a valid regular expression
     */
    static Filter of(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
            return new Filter(text, Pattern.compile(globToRegex(text)));
        }
        return new Filter(text, Pattern.compile(text));
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
            m[i] = m[n.parent.order] || matcher.reset(path).find();
        }
        return m;
    }

    /** Turns a glob into an anchored regular expression. */
    static String globToRegex(String glob) {
        String g = glob.startsWith("/") ? glob : "/**/" + glob;
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                if (i + 2 < g.length() && g.charAt(i + 2) == '/') {
                    re.append("(?:[^/]+/)*");
                    i += 2;
                } else {
                    re.append(".*");
                    i++;
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (Character.isLetterOrDigit(c) || c == '/') {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        return re.append('$').toString();
    }
}
