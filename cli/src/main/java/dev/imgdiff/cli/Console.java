package dev.imgdiff.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a run talks to: its output and error writers, standard input, the environment, and whether
 * standard output is a terminal (and how wide). Tests pass their own.
 */
public record Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean tty,
                      int columns) {

    /** The width to render for: the terminal's, $COLUMNS, or 100. */
    public int width() {
        if (columns > 0) {
            return columns;
        }
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "100").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Colour is on for a terminal unless NO_COLOR is set (https://no-color.org) or TERM is dumb. */
    public boolean colorByDefault() {
        return tty && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }
}
