package dev.imgdiff.budget;

import dev.imgdiff.attribute.Category;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Category labels as budgets name them: {@link Category#label()}, and "node_modules" for dev and prod together. */
public final class Labels {
    /** Dev and prod dependencies together. */
    public static final String NODE_MODULES = "node_modules";

    private Labels() {
    }

    /** The label, if it names a category (or "node_modules"). */
    public static String check(String label) {
        categories(label);
        return label;
    }

    /** The categories a label stands for. */
    public static Set<Category> categories(String label) {
        if (label.equals(NODE_MODULES)) {
            return EnumSet.of(Category.NODE_MODULES_DEV, Category.NODE_MODULES_PROD);
        }
        for (Category c : Category.values()) {
            if (c.label().equals(label)) {
                return EnumSet.of(c);
            }
        }
        throw new IllegalArgumentException("unknown category '" + label + "'; known: " + String.join(", ", known()));
    }

    public static List<String> known() {
        List<String> out = new ArrayList<>();
        for (Category c : Category.values()) {
            out.add(c.label());
        }
        out.add(NODE_MODULES);
        return out;
    }
}
