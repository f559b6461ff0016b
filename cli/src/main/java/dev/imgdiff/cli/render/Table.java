package dev.imgdiff.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns are right-aligned except those marked left; widths follow the widest
 * cell. Cells are measured without their ANSI styling, so styled and plain output line up the same.
 */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] left;
    private final String indent;

    public Table(String indent, boolean... left) {
        this.indent = indent;
        this.left = left;
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void render(StringBuilder out) {
        int cols = left.length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols && i < r.length; i++) {
                width[i] = Math.max(width[i], visible(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < cols; i++) {
                String cell = i < r.length && r[i] != null ? r[i] : "";
                int pad = width[i] - visible(cell);
                boolean last = i == cols - 1;
                if (left[i]) {
                    line.append(cell);
                    if (!last) {
                        line.append(" ".repeat(pad));
                    }
                } else {
                    line.append(" ".repeat(pad)).append(cell);
                }
                if (!last) {
                    line.append("  ");
                }
            }
            out.append(stripTrailing(line)).append('\n');
        }
    }

    private static String stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }

    /** Display width: ANSI sequences count 0, everything else (already sanitized) 1 per code point. */
    static int visible(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0x1b) {
                int m = s.indexOf('m', i);
                if (m > 0) {
                    i = m;
                    continue;
                }
            }
            if (!Character.isLowSurrogate(c)) {
                n++;
            }
        }
        return n;
    }

    /** Shortens text to a display width with an ellipsis; never cuts inside a surrogate pair. */
    public static String fit(String s, int max) {
        if (max <= 0 || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, Math.max(0, max - 1));
        return s.substring(0, end) + "…";
    }
}
