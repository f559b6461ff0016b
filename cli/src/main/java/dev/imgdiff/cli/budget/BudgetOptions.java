package dev.imgdiff.cli.budget;

import dev.imgdiff.budget.Budget;
import dev.imgdiff.budget.BudgetException;
import dev.imgdiff.budget.BudgetParser;
import dev.imgdiff.budget.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The budget options: a budget file, rules given as options (they add to the file's, and replace its value
 * for the same rule), and where to write the JUnit XML and Markdown summaries.
 */
public final class BudgetOptions {
    @Option(names = "--budget", paramLabel = "FILE",
            description = "Check the image against the rules in FILE (imgdiff's YAML budget, or dive's .dive-ci).")
    String budget;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Largest image size (400MB, 1.5GiB, bytes).")
    String maxSize;

    @Option(names = "--max-compressed-size", paramLabel = "SIZE", description = "Largest compressed size.")
    String maxCompressedSize;

    @Option(names = "--max-content-size", paramLabel = "SIZE", description = "Largest content size.")
    String maxContentSize;

    @Option(names = "--max-layers", paramLabel = "N", description = "Most layers.")
    String maxLayers;

    @Option(names = "--max-wasted", paramLabel = "SIZE|PCT", description = "Most wasted bytes, or share of the image size (5%%).")
    String maxWasted;

    @Option(names = "--min-efficiency", paramLabel = "RATIO", description = "Lowest content size / image size (0.95).")
    String minEfficiency;

    @Option(names = "--category", paramLabel = "LABEL=SIZE",
            description = "Most bytes in a category (toolchain=0, cache=1MB, node_modules.dev=0; repeatable).")
    List<String> categories = new ArrayList<>();

    @Option(names = "--package", paramLabel = "NAME=SIZE",
            description = "Most bytes of a package, by name (gcc-12=0) or key (deb:gcc-12@12.2.0-14=0; repeatable).")
    List<String> packages = new ArrayList<>();

    @Option(names = "--forbid-path", paramLabel = "GLOB", description = "No visible path may match GLOB ('**/.git/**'; repeatable).")
    List<String> forbidPaths = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "GLOB",
            description = "Leave paths matching GLOB out of the waste, category and path rules (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--max-growth", paramLabel = "SIZE|PCT", description = "Most growth of the image size over the baseline.")
    String maxGrowth;

    @Option(names = "--max-category-growth", paramLabel = "LABEL=SIZE|PCT",
            description = "Most growth of a category over the baseline (repeatable).")
    List<String> categoryGrowth = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the verdicts as JUnit XML to FILE.")
    String junit;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Also write a Markdown summary to FILE (for a pull-request comment or a job summary).")
    String markdown;

    /** Whether any budget option was given. */
    public boolean active() {
        return budget != null || maxSize != null || maxCompressedSize != null || maxContentSize != null
                || maxLayers != null || maxWasted != null || minEfficiency != null || !categories.isEmpty()
                || !packages.isEmpty() || !forbidPaths.isEmpty() || maxGrowth != null || !categoryGrowth.isEmpty()
                || !ignore.isEmpty() || junit != null || markdown != null;
    }

    public Path junit() {
        return junit == null ? null : Path.of(junit);
    }

    public Path markdown() {
        return markdown == null ? null : Path.of(markdown);
    }

    /**
     * The budget: the file's rules, then the options'.
     *
     * @throws BudgetException for an unreadable or malformed file, a bad option value, or no rule at all
     */
    public Budget load() throws BudgetException {
        Budget.Builder b = new Budget.Builder();
        if (budget != null) {
            BudgetParser.read(Path.of(budget), b);
        }
        if (budget != null && hasRuleOptions()) {
            b.source(budget + " and options");
        }
        set("--max-size", maxSize, Values::size, b::maxSize);
        set("--max-compressed-size", maxCompressedSize, Values::size, b::maxCompressedSize);
        set("--max-content-size", maxContentSize, Values::size, b::maxContentSize);
        set("--max-layers", maxLayers, Values::count, b::maxLayers);
        set("--max-wasted", maxWasted, Values::amount, b::maxWasted);
        set("--min-efficiency", minEfficiency, Values::ratio, b::minEfficiency);
        for (String kv : categories) {
            String[] p = pair("--category", kv);
            set("--category " + p[0], p[1], Values::size, v -> b.category(p[0], v));
        }
        for (String kv : packages) {
            String[] p = pair("--package", kv);
            set("--package " + p[0], p[1], Values::size, v -> b.pkg(p[0], v));
        }
        set("--forbid-path", forbidPaths.isEmpty() ? null : forbidPaths, Function.identity(), b::forbidPaths);
        set("--ignore", ignore.isEmpty() ? null : ignore, Function.identity(), b::ignore);
        set("--max-growth", maxGrowth, Values::amount, b::growthSize);
        for (String kv : categoryGrowth) {
            String[] p = pair("--max-category-growth", kv);
            set("--max-category-growth " + p[0], p[1], Values::amount, v -> b.growthCategory(p[0], v));
        }
        Budget out = b.build();
        if (out.isEmpty()) {
            throw new BudgetException(budget != null ? budget + ": the budget has no rules"
                    : "no budget rules: give --budget FILE or rules such as --max-size 400MB");
        }
        return out;
    }

    private boolean hasRuleOptions() {
        return maxSize != null || maxCompressedSize != null || maxContentSize != null || maxLayers != null
                || maxWasted != null || minEfficiency != null || !categories.isEmpty() || !packages.isEmpty()
                || !forbidPaths.isEmpty() || !ignore.isEmpty() || maxGrowth != null || !categoryGrowth.isEmpty();
    }

    private static String[] pair(String option, String kv) throws BudgetException {
        int eq = kv.indexOf('=');
        if (eq <= 0 || eq == kv.length() - 1) {
            throw new BudgetException(option + ": '" + kv + "' is not NAME=VALUE");
        }
        return new String[]{kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()};
    }

    private static <S, T> void set(String option, S text, Function<S, T> parse, Consumer<T> into) throws BudgetException {
        if (text == null) {
            return;
        }
        try {
            into.accept(parse.apply(text));
        } catch (IllegalArgumentException e) {
            throw new BudgetException(option + ": " + e.getMessage());
        }
    }
}
