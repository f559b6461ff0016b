package dev.imgdiff.budget;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path pattern, matched against absolute paths of the final filesystem. {@code *} matches within one
 * path segment, {@code ?} one character of a segment, {@code **} any number of segments, {@code [abc]} and
 * {@code {a,b}} as in shells. A pattern ending in {@code /**} also matches the directory itself
 * ({@code /root/.npm/**} matches {@code /root/.npm}); a pattern that does not start with {@code /} matches
 * at any depth ({@code *.pem} is {@code **}{@code /*.pem}).
 *
 * @param pattern the pattern as written
 */
public record Glob(String pattern, Pattern regex) {
    public static Glob of(String pattern) {
        String p = pattern.trim();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("an empty path pattern");
        }
        if (!p.startsWith("/") && !p.startsWith("**")) {
            p = "**/" + p;
        }
        return new Glob(pattern, Pattern.compile(translate(p)));
    }

    public static List<Glob> all(List<String> patterns) {
        return patterns.stream().map(Glob::of).toList();
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** Whether any of the globs matches. */
    public static boolean any(List<Glob> globs, String path) {
        for (Glob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static String translate(String p) {
        StringBuilder re = new StringBuilder();
        int n = p.length();
        int braces = 0;
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < n && p.charAt(i + 1) == '*') {
                boolean segStart = i == 0 || p.charAt(i - 1) == '/';
                int j = i + 2;
                if (segStart && j < n && p.charAt(j) == '/') {
                    // "**/": zero or more whole segments; a leading one may also eat the root's slash
                    re.append("(?:.*/)?");
                    i = j;
                } else if (segStart && j == n && i > 0) {
                    // trailing "/**": the directory itself and everything below it
                    re.setLength(re.length() - 1);
                    re.append("(?:/.*)?");
                    i = j - 1;
                } else {
                    re.append(".*");
                    i = j - 1;
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + p + "': an unclosed [ in a path pattern");
                }
                String body = p.substring(i + 1, close);
                if (body.startsWith("!")) {
                    body = "^" + body.substring(1);
                }
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else if (c == '{') {
                braces++;
                re.append("(?:");
            } else if (c == '}' && braces > 0) {
                braces--;
                re.append(')');
            } else if (c == ',' && braces > 0) {
                re.append('|');
            } else {
                re.append(Character.isLetterOrDigit(c) || c == '/' || c >= 128 ? String.valueOf(c) : "\\" + c);
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("'" + p + "': an unclosed { in a path pattern");
        }
        return re.toString();
    }
}
