package dev.imgdiff.cli.render;

/**
 * Makes text from an image safe to print: control characters (C0, DEL, C1, which start terminal escape
 * sequences), invalid UTF-8 (kept by the scanner as escaped bytes), stray surrogates and bidirectional
 * overrides are shown as visible escapes ({@code \x1b}, {@code \n}, {@code \u202e}) instead of acting on
 * the terminal. Everything else passes unchanged.
 */
public final class Sanitizer {
    private Sanitizer() {
    }

    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = replacement(s, i, c);
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(rep);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String replacement(String s, int i, char c) {
        if (c < 0x20 || c == 0x7F) {
            return switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\x%02x", (int) c);
            };
        }
        if (c >= 0x80 && c <= 0x9F) {
            return String.format("\\u%04x", (int) c);
        }
        if (c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
            return String.format("\\x%02x", c - 0xDC00);
        }
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                return null;
            }
            return String.format("\\u%04x", (int) c);
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) ? null : String.format("\\u%04x", (int) c);
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C || c == 0xFEFF || c == 0x2028 || c == 0x2029) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
