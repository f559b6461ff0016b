package dev.imgdiff.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules an image must satisfy. Every limit is optional (null or empty when not set); a figure equal
 * to its limit passes.
 *
 * @param source            where the rules came from (a file name, "options"), for messages
 * @param maxSize           image size (the sum of the layer sizes, what {@code docker images} shows)
 * @param maxCompressedSize the layer blobs as stored, what a pull transfers
 * @param maxContentSize    bytes visible in the final filesystem
 * @param maxLayers         layer count
 * @param maxWasted         wasted bytes, or wasted bytes as a percentage of the image size
 * @param wastedIgnore      paths whose wasted copies do not count (for max-wasted and min-efficiency)
 * @param minEfficiency     lowest allowed content size / image size, from 0 to 1
 * @param categories        per category label (or "node_modules", dev and prod together): largest allowed bytes
 * @param categoriesIgnore  paths whose bytes do not count towards the category limits
 * @param packages          per package name ("gcc-12"), ecosystem and name ("deb:gcc-12") or key
 *                          ("deb:gcc-12@12.2.0-14"): largest allowed bytes
 * @param forbidPaths       patterns no visible path may match
 * @param forbidIgnore      paths that may match a forbidden pattern
 * @param ignore            paths ignored by the waste, category and forbidden-path rules
 * @param growth            how much the image may grow over a baseline, or null
 * @param dive              dive's rules, in dive's order (a disabled one is reported as skipped)
 * @param warnings          what was read but not used (keys of a .dive-ci that dive ignores too)
 */
public record Budget(String source, Long maxSize, Long maxCompressedSize, Long maxContentSize, Integer maxLayers,
                     Amount maxWasted, List<String> wastedIgnore, BigDecimal minEfficiency,
                     Map<String, Long> categories, List<String> categoriesIgnore, Map<String, Long> packages,
                     List<String> forbidPaths, List<String> forbidIgnore, List<String> ignore, Growth growth,
                     List<DiveRule> dive, List<String> warnings) {
    public Budget {
        wastedIgnore = List.copyOf(wastedIgnore);
        categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        categoriesIgnore = List.copyOf(categoriesIgnore);
        packages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(packages));
        forbidPaths = List.copyOf(forbidPaths);
        forbidIgnore = List.copyOf(forbidIgnore);
        ignore = List.copyOf(ignore);
        dive = List.copyOf(dive);
        warnings = List.copyOf(warnings);
    }

    /**
     * Limits on growth over a baseline (an earlier report of the same image, or the image it replaces).
     *
     * @param categories per category label: largest allowed growth in bytes or percent of the baseline's bytes
     */
    public record Growth(Amount size, Amount compressedSize, Amount contentSize, Map<String, Amount> categories) {
        public Growth {
            categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        }

        public boolean isEmpty() {
            return size == null && compressedSize == null && contentSize == null && categories.isEmpty();
        }
    }

    /**
     * One of dive's CI rules, read the way dive reads it.
     *
     * @param key        lowestEfficiency, highestWastedBytes or highestUserWastedPercent
     * @param configured the value as written ("disabled" when turned off)
     * @param threshold  the ratio or byte count; null when disabled
     */
    public record DiveRule(String key, String configured, Double threshold) {
        public static final String LOWEST_EFFICIENCY = "lowestEfficiency";
        public static final String HIGHEST_WASTED_BYTES = "highestWastedBytes";
        public static final String HIGHEST_USER_WASTED_PERCENT = "highestUserWastedPercent";

        public boolean disabled() {
            return threshold == null;
        }
    }

    /** Whether any rule needs dive's figures (the analysis computes them only when asked). */
    public boolean needsDive() {
        return dive.stream().anyMatch(r -> !r.disabled());
    }

    /** Whether a rule needs a baseline. */
    public boolean needsBaseline() {
        return growth != null && !growth.isEmpty();
    }

    /** Whether the budget has no rule at all. */
    public boolean isEmpty() {
        return maxSize == null && maxCompressedSize == null && maxContentSize == null && maxLayers == null
                && maxWasted == null && minEfficiency == null && categories.isEmpty() && packages.isEmpty()
                && forbidPaths.isEmpty() && !needsBaseline() && dive.isEmpty();
    }

    /** Collects rules from a file and then from options; later values replace earlier ones. */
    public static final class Builder {
        private String source = "options";
        private Long maxSize;
        private Long maxCompressedSize;
        private Long maxContentSize;
        private Integer maxLayers;
        private Amount maxWasted;
        private final List<String> wastedIgnore = new ArrayList<>();
        private BigDecimal minEfficiency;
        private final Map<String, Long> categories = new LinkedHashMap<>();
        private final List<String> categoriesIgnore = new ArrayList<>();
        private final Map<String, Long> packages = new LinkedHashMap<>();
        private final List<String> forbidPaths = new ArrayList<>();
        private final List<String> forbidIgnore = new ArrayList<>();
        private final List<String> ignore = new ArrayList<>();
        private Amount growthSize;
        private Amount growthCompressed;
        private Amount growthContent;
        private final Map<String, Amount> growthCategories = new LinkedHashMap<>();
        private final Map<String, DiveRule> dive = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        public Builder source(String s) {
            this.source = s;
            return this;
        }

        public Builder maxSize(long v) {
            maxSize = v;
            return this;
        }

        public Builder maxCompressedSize(long v) {
            maxCompressedSize = v;
            return this;
        }

        public Builder maxContentSize(long v) {
            maxContentSize = v;
            return this;
        }

        public Builder maxLayers(int v) {
            maxLayers = v;
            return this;
        }

        public Builder maxWasted(Amount v) {
            maxWasted = v;
            return this;
        }

        public Builder wastedIgnore(List<String> globs) {
            wastedIgnore.addAll(checked(globs));
            return this;
        }

        public Builder minEfficiency(BigDecimal v) {
            minEfficiency = v;
            return this;
        }

        /** @param label a category label or "node_modules" (checked) */
        public Builder category(String label, long bytes) {
            categories.put(Labels.check(label), bytes);
            return this;
        }

        public Builder categoriesIgnore(List<String> globs) {
            categoriesIgnore.addAll(checked(globs));
            return this;
        }

        public Builder pkg(String name, long bytes) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("an empty package name");
            }
            packages.put(name, bytes);
            return this;
        }

        public Builder forbidPaths(List<String> globs) {
            forbidPaths.addAll(checked(globs));
            return this;
        }

        public Builder forbidIgnore(List<String> globs) {
            forbidIgnore.addAll(checked(globs));
            return this;
        }

        public Builder ignore(List<String> globs) {
            ignore.addAll(checked(globs));
            return this;
        }

        public Builder growthSize(Amount v) {
            growthSize = v;
            return this;
        }

        public Builder growthCompressedSize(Amount v) {
            growthCompressed = v;
            return this;
        }

        public Builder growthContentSize(Amount v) {
            growthContent = v;
            return this;
        }

        public Builder growthCategory(String label, Amount v) {
            growthCategories.put(Labels.check(label), v);
            return this;
        }

        public Builder dive(DiveRule rule) {
            dive.put(rule.key(), rule);
            return this;
        }

        public Builder warning(String w) {
            warnings.add(w);
            return this;
        }

        private static List<String> checked(List<String> globs) {
            globs.forEach(Glob::of);
            return globs;
        }

        public Budget build() {
            Growth growth = growthSize == null && growthCompressed == null && growthContent == null
                    && growthCategories.isEmpty() ? null
                    : new Growth(growthSize, growthCompressed, growthContent, growthCategories);
            return new Budget(source, maxSize, maxCompressedSize, maxContentSize, maxLayers, maxWasted, wastedIgnore,
                    minEfficiency, categories, categoriesIgnore, packages, forbidPaths, forbidIgnore, ignore, growth,
                    new ArrayList<>(dive.values()), warnings);
        }
    }
}
