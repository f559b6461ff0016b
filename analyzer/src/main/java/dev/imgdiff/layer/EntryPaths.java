package dev.imgdiff.layer;

/**
 * Normalises tar entry names into absolute paths ("./usr//bin/" becomes "/usr/bin") and decides which
 * names an analysis refuses: names that climb above the root, absolute names, control characters and
 * invalid UTF-8. Nothing is ever extracted, so these are refused to flag a hostile or broken image, not
 * to protect the disk.
 */
public final class EntryPaths {
    private EntryPaths() {
    }

    /** Why a name is unacceptable, or null when it is fine. */
    public static String problem(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (EscapingUtf8.isEscapedByte(c) || c == '\uFFFD') {
                return "invalid UTF-8 in a file name";
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                return c == 0x1B ? "escape sequence in a file name" : "control character in a file name";
            }
        }
        if (raw.startsWith("/")) {
            return "absolute file name";
        }
        if (!raw.contains("..")) {
            return null;
        }
        int depth = 0;
        for (String seg : raw.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (--depth < 0) {
                    return "file name climbs above the root (\"..\")";
                }
            } else {
                depth++;
            }
        }
        return null;
    }

    /**
     * The absolute normal form of a name: "/" for the root; ".." never climbs above the root (callers
     * that must refuse such names check {@link #problem} first).
     */
    public static String normalize(String raw) {
        if (isPlain(raw)) {
            int end = raw.length();
            if (end > 0 && raw.charAt(end - 1) == '/') {
                end--;
            }
            return end == 0 ? "/" : "/".concat(raw.substring(0, end));
        }
        String[] segs = raw.split("/");
        String[] out = new String[segs.length];
        int n = 0;
        for (String seg : segs) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (n > 0) {
                    n--;
                }
                continue;
            }
            out[n++] = seg;
        }
        if (n == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < n; i++) {
            sb.append('/').append(out[i]);
        }
        return sb.toString();
    }

    /**
     * Whether a name is already normal apart from a trailing slash: no leading slash, no empty, "." or
     * ".." segments. Most names in real layers are.
     */
    private static boolean isPlain(String raw) {
        int n = raw.length();
        if (n == 0 || raw.charAt(0) == '/') {
            return false;
        }
        int end = raw.charAt(n - 1) == '/' ? n - 1 : n;
        if (end == 0) {
            return false;
        }
        int segStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || raw.charAt(i) == '/') {
                int len = i - segStart;
                if (len == 0) {
                    return false;
                }
                if (raw.charAt(segStart) == '.' && (len == 1 || (len == 2 && raw.charAt(segStart + 1) == '.'))) {
                    return false;
                }
                segStart = i + 1;
            }
        }
        return true;
    }

    /**
     * A name in double quotes with control characters, quotes and invalid UTF-8 escaped ({@code \n},
     * {@code \x1b}, {@code \xff}), so an error message stays one printable line whatever the name holds.
     */
    public static String quote(String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 2).append('"');
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (EscapingUtf8.isEscapedByte(c)) {
                sb.append(String.format("\\x%02x", EscapingUtf8.escapedByte(c)));
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** The number of bytes a name had in the tar: UTF-8 length, an escaped invalid byte counting one. */
    public static int byteLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 || EscapingUtf8.isEscapedByte(c)) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Resolves a hard link target: tar stores it relative to the layer root. */
    public static String linkTarget(String raw) {
        return normalize(raw);
    }

    /** The parent of an absolute normal path ("/" for top-level entries). */
    public static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** The last segment of an absolute normal path. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
