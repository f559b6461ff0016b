package dev.imgdiff.attribute;

import java.util.List;

/** The categories every byte falls in, in the order their rules are tried. */
public enum Category {
    NODE_MODULES_DEV("node_modules.dev"),
    NODE_MODULES_PROD("node_modules.prod"),
    TOOLCHAIN("toolchain"),
    CACHE("cache"),
    VCS_SOURCE("vcs+source"),
    DOCS("docs"),
    OS("os"),
    APP("app");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /** The name used in reports and budgets. */
    public String label() {
        return label;
    }

    public static Category fromLabel(String label) {
        for (Category c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + label + "'; known: "
                + String.join(", ", List.of(values()).stream().map(Category::label).toList()));
    }
}
