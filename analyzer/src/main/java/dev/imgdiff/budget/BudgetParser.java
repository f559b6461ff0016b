package dev.imgdiff.budget;

import dev.imgdiff.budget.YamlTree.Entry;
import dev.imgdiff.budget.YamlTree.ListNode;
import dev.imgdiff.budget.YamlTree.Loc;
import dev.imgdiff.budget.YamlTree.MapNode;
import dev.imgdiff.budget.YamlTree.Node;
import dev.imgdiff.budget.YamlTree.Scalar;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a budget file: imgdiff's own format (see the README, "Budgets"), or dive's {@code .dive-ci}, told
 * apart by the file name ({@code .dive-ci}) or by a top-level {@code rules:} key. In imgdiff's format every
 * key must be known; in a {@code .dive-ci}, keys dive does not read are ignored with a warning, as dive
 * ignores them.
 */
public final class BudgetParser {
    static final List<String> KEYS = List.of("max-size", "max-compressed-size", "max-content-size", "max-layers",
            "max-wasted", "min-efficiency", "categories", "packages", "forbid-paths", "ignore", "max-growth", "dive");
    private static final List<String> GROWTH_KEYS = List.of("size", "compressed-size", "content-size", "categories");

    private final String source;
    private final Budget.Builder into;

    private BudgetParser(String source, Budget.Builder into) {
        this.source = source;
        this.into = into;
    }

    /** Reads a budget file into a new budget. */
    public static Budget read(Path file) throws BudgetException {
        Budget.Builder b = new Budget.Builder();
        read(file, b);
        return b.build();
    }

    /** Reads a budget file into {@code into}. */
    public static void read(Path file, Budget.Builder into) throws BudgetException {
        String name = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new BudgetException("cannot read budget " + name + ": it is a folder");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new BudgetException("cannot read budget " + name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BudgetException("cannot read budget " + name + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new BudgetException("cannot read budget " + name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BudgetException("cannot read budget " + name + ": " + e.getMessage());
        }
        Path fn = file.getFileName();
        parse(text, name, fn != null && fn.toString().startsWith(".dive-ci"), into);
    }

    /**
     * Reads budget text.
     *
     * @param source  the file name for messages
     * @param diveCi  whether the name says it is a {@code .dive-ci} (else a top-level {@code rules:} key does)
     */
    public static void parse(String text, String source, boolean diveCi, Budget.Builder into) throws BudgetException {
        into.source(source);
        Node root = YamlTree.parse(text, source);
        if (root == null) {
            throw new BudgetException(source + ": the budget has no rules");
        }
        BudgetParser p = new BudgetParser(source, into);
        MapNode top = p.map(root, "the budget");
        if (diveCi || top.entries().containsKey("rules")) {
            p.diveCi(top);
        } else {
            p.imgdiff(top);
        }
    }

    private void imgdiff(MapNode top) throws BudgetException {
        if (top.entries().isEmpty()) {
            throw YamlTree.error(source, top.loc(), "the budget has no rules");
        }
        for (Entry e : top.entries().values()) {
            Node v = e.value();
            switch (e.key()) {
                case "max-size" -> into.maxSize(value(v, e.key(), Values::size));
                case "max-compressed-size" -> into.maxCompressedSize(value(v, e.key(), Values::size));
                case "max-content-size" -> into.maxContentSize(value(v, e.key(), Values::size));
                case "max-layers" -> into.maxLayers(value(v, e.key(), Values::count));
                case "min-efficiency" -> into.minEfficiency(value(v, e.key(), Values::ratio));
                case "max-wasted" -> {
                    if (v instanceof MapNode m) {
                        known(m, List.of("limit", "ignore"), "max-wasted");
                        into.maxWasted(value(required(m, "limit", "max-wasted"), "max-wasted.limit", Values::amount));
                        if (m.entries().containsKey("ignore")) {
                            into.wastedIgnore(globs(m.entries().get("ignore").value(), "max-wasted.ignore"));
                        }
                    } else {
                        into.maxWasted(value(v, e.key(), Values::amount));
                    }
                }
                case "categories" -> {
                    for (Entry c : map(v, "categories").entries().values()) {
                        if (c.key().equals("ignore")) {
                            into.categoriesIgnore(globs(c.value(), "categories.ignore"));
                        } else {
                            label(c);
                            into.category(c.key(), value(c.value(), "categories." + c.key(), Values::size));
                        }
                    }
                }
                case "packages" -> {
                    for (Entry c : map(v, "packages").entries().values()) {
                        into.pkg(c.key(), value(c.value(), "packages." + c.key(), Values::size));
                    }
                }
                case "forbid-paths" -> {
                    if (v instanceof MapNode m) {
                        known(m, List.of("paths", "ignore"), "forbid-paths");
                        into.forbidPaths(globs(required(m, "paths", "forbid-paths"), "forbid-paths.paths"));
                        if (m.entries().containsKey("ignore")) {
                            into.forbidIgnore(globs(m.entries().get("ignore").value(), "forbid-paths.ignore"));
                        }
                    } else {
                        into.forbidPaths(globs(v, "forbid-paths"));
                    }
                }
                case "ignore" -> into.ignore(globs(v, "ignore"));
                case "max-growth" -> growth(map(v, "max-growth"));
                case "dive" -> {
                    MapNode m = map(v, "dive");
                    for (Entry d : m.entries().values()) {
                        String key = diveKey(d.key());
                        if (key == null) {
                            throw YamlTree.error(source, d.keyLoc(), "unknown key 'dive." + d.key()
                                    + "'; known: lowest-efficiency, highest-wasted-bytes, highest-user-wasted-percent");
                        }
                        into.dive(diveRule(key, d.value(), null));
                    }
                }
                default -> throw YamlTree.error(source, e.keyLoc(), "unknown key '" + e.key() + "'; known: "
                        + String.join(", ", KEYS) + suggestion(e.key(), KEYS));
            }
        }
    }

    private void growth(MapNode m) throws BudgetException {
        for (Entry e : m.entries().values()) {
            String what = "max-growth." + e.key();
            switch (e.key()) {
                case "size" -> into.growthSize(value(e.value(), what, Values::amount));
                case "compressed-size" -> into.growthCompressedSize(value(e.value(), what, Values::amount));
                case "content-size" -> into.growthContentSize(value(e.value(), what, Values::amount));
                case "categories" -> {
                    for (Entry c : map(e.value(), what).entries().values()) {
                        label(c);
                        into.growthCategory(c.key(), value(c.value(), what + "." + c.key(), Values::amount));
                    }
                }
                default -> throw YamlTree.error(source, e.keyLoc(), "unknown key '" + what + "'; known: "
                        + String.join(", ", GROWTH_KEYS) + suggestion(e.key(), GROWTH_KEYS));
            }
        }
    }

    /** dive's {@code .dive-ci}: its defaults for the rules the file leaves out, as dive applies them. */
    private void diveCi(MapNode top) throws BudgetException {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        defaults.put(Budget.DiveRule.LOWEST_EFFICIENCY, "0.9");
        defaults.put(Budget.DiveRule.HIGHEST_WASTED_BYTES, "disabled");
        defaults.put(Budget.DiveRule.HIGHEST_USER_WASTED_PERCENT, "0.1");
        Map<String, Entry> given = new java.util.HashMap<>();
        for (Entry e : top.entries().values()) {
            if (!e.key().equals("rules")) {
                into.warning(where(e.keyLoc()) + "'" + e.key() + "' is not read (dive ignores it too)");
                continue;
            }
            if (e.value() instanceof Scalar s && s.isNull()) {
                continue;
            }
            for (Entry r : map(e.value(), "rules").entries().values()) {
                if (defaults.containsKey(r.key())) {
                    given.put(r.key(), r);
                } else {
                    into.warning(where(r.keyLoc()) + "'rules." + r.key() + "' is not read (dive ignores it too)");
                }
            }
        }
        for (Map.Entry<String, String> d : defaults.entrySet()) {
            Entry r = given.get(d.getKey());
            into.dive(r == null ? diveRule(d.getKey(), null, d.getValue()) : diveRule(d.getKey(), r.value(), d.getValue()));
        }
    }

    private static String diveKey(String key) {
        return switch (key) {
            case "lowest-efficiency", "lowestEfficiency" -> Budget.DiveRule.LOWEST_EFFICIENCY;
            case "highest-wasted-bytes", "highestWastedBytes" -> Budget.DiveRule.HIGHEST_WASTED_BYTES;
            case "highest-user-wasted-percent", "highestUserWastedPercent" -> Budget.DiveRule.HIGHEST_USER_WASTED_PERCENT;
            default -> null;
        };
    }

    /**
     * A dive rule from its value as dive reads it: empty, "disabled", "off" or "false" (any case) turn it off;
     * a YAML null keeps dive's default (what dive's YAML reader does).
     */
    private Budget.DiveRule diveRule(String key, Node v, String fallback) throws BudgetException {
        String text;
        if (v == null || v instanceof Scalar s && s.isNull()) {
            if (fallback == null) {
                throw YamlTree.error(source, v == null ? new Loc(0, 0) : v.loc(), "dive." + key + " needs a value");
            }
            text = fallback;
        } else if (v instanceof Scalar s) {
            text = s.text();
        } else {
            throw YamlTree.error(source, v.loc(), key + " must be a value, not " + v.describe());
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("disabled") || t.equals("off") || t.equals("false")) {
            return new Budget.DiveRule(key, "disabled", null);
        }
        try {
            double threshold = key.equals(Budget.DiveRule.HIGHEST_WASTED_BYTES) ? Values.diveBytes(text)
                    : Values.diveRatio(text);
            return new Budget.DiveRule(key, text, threshold);
        } catch (IllegalArgumentException e) {
            throw YamlTree.error(source, v == null ? new Loc(0, 0) : v.loc(), "invalid " + key + ": " + e.getMessage());
        }
    }

    private String where(Loc l) {
        return source + ":" + l.line() + ":" + l.column() + ": ";
    }

    private void label(Entry c) throws BudgetException {
        try {
            Labels.check(c.key());
        } catch (IllegalArgumentException ex) {
            throw YamlTree.error(source, c.keyLoc(), ex.getMessage());
        }
    }

    private MapNode map(Node n, String what) throws BudgetException {
        if (n instanceof MapNode m) {
            return m;
        }
        throw YamlTree.error(source, n.loc(), what + " must be a map of keys and values, not " + n.describe());
    }

    private Node required(MapNode m, String key, String what) throws BudgetException {
        Entry e = m.entries().get(key);
        if (e == null) {
            throw YamlTree.error(source, m.loc(), what + " needs '" + key + "'");
        }
        return e.value();
    }

    private void known(MapNode m, List<String> keys, String what) throws BudgetException {
        for (Entry e : m.entries().values()) {
            if (!keys.contains(e.key())) {
                throw YamlTree.error(source, e.keyLoc(), "unknown key '" + what + "." + e.key() + "'; known: "
                        + String.join(", ", keys));
            }
        }
    }

    private <T> T value(Node n, String what, Function<String, T> parse) throws BudgetException {
        if (!(n instanceof Scalar s) || s.isNull()) {
            throw YamlTree.error(source, n.loc(), what + " needs a value, not " + n.describe());
        }
        try {
            return parse.apply(s.text());
        } catch (IllegalArgumentException e) {
            throw YamlTree.error(source, n.loc(), what + ": " + e.getMessage());
        }
    }

    /** A list of patterns, or a single one. */
    private List<String> globs(Node n, String what) throws BudgetException {
        List<Node> items = n instanceof ListNode l ? l.items() : List.of(n);
        List<String> out = new ArrayList<>();
        for (Node i : items) {
            if (!(i instanceof Scalar s) || s.isNull()) {
                throw YamlTree.error(source, i.loc(), what + " takes path patterns, not " + i.describe());
            }
            try {
                Glob.of(s.text());
            } catch (IllegalArgumentException e) {
                throw YamlTree.error(source, i.loc(), what + ": " + e.getMessage());
            }
            out.add(s.text());
        }
        return out;
    }

    private static String suggestion(String key, List<String> known) {
        String best = null;
        int bestD = 3;
        for (String k : known) {
            int d = dev.imgdiff.model.EditDistance.between(key.toLowerCase(Locale.ROOT).replace('_', '-'), k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }
}
