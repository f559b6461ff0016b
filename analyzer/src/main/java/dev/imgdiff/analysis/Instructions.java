package dev.imgdiff.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a history {@code created_by} into the Dockerfile instruction people wrote. */
public final class Instructions {
    private static final Pattern NOP = Pattern.compile("^/bin/sh -c #\\(nop\\)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern SHELL = Pattern.compile("^(?:\\|\\d+ (?:\\S+=\\S*\\s+)*)?/bin/(?:ba)?sh -c (.*)$", Pattern.DOTALL);
    private static final Pattern BUILDKIT_RUN = Pattern.compile("^RUN (?:\\|\\d+ (?:\\S+=\\S*\\s+)*)?/bin/(?:ba)?sh -c (.*?)(?:\\s*# buildkit)?$", Pattern.DOTALL);
    private static final Pattern BUILDKIT = Pattern.compile("^(.*?)\\s*# buildkit$", Pattern.DOTALL);

    private Instructions() {
    }

    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    /** The text on one line: runs of spaces, tabs and line breaks (a long RUN has many) become one space. */
    public static String oneLine(String text) {
        return text == null ? "" : WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    /**
     * "/bin/sh -c #(nop)  CMD [\"node\"]" → "CMD [\"node\"]"; "/bin/sh -c npm ci" → "RUN npm ci"; on one line.
     */
    public static String describe(String createdBy) {
        if (createdBy == null || createdBy.isBlank()) {
            return "";
        }
        String s = oneLine(createdBy);
        Matcher m = NOP.matcher(s);
        if (m.matches()) {
            return m.group(1).strip();
        }
        m = BUILDKIT_RUN.matcher(s);
        if (m.matches()) {
            return "RUN " + m.group(1).strip();
        }
        m = SHELL.matcher(s);
        if (m.matches()) {
            return "RUN " + m.group(1).strip();
        }
        m = BUILDKIT.matcher(s);
        if (m.matches()) {
            return m.group(1).strip();
        }
        return s;
    }

    /** Whether an instruction sets the command a container runs (CMD or ENTRYPOINT). */
    public static boolean isCommand(String createdBy) {
        String d = describe(createdBy);
        return d.startsWith("CMD ") || d.startsWith("CMD[") || d.startsWith("ENTRYPOINT ") || d.startsWith("ENTRYPOINT[")
                || d.equals("CMD") || d.equals("ENTRYPOINT");
    }
}
