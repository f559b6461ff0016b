package dev.imgdiff.cli.render;

/** ANSI styling that turns itself off when colour is not wanted. Only ever wraps sanitized text. */
public final class Style {
    private final boolean color;

    public Style(boolean color) {
        this.color = color;
    }

    public boolean enabled() {
        return color;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    /** Green for savings (negative differences), red for growth. */
    public String delta(long diff, String text) {
        return diff < 0 ? green(text) : diff > 0 ? red(text) : text;
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
