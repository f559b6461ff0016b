package dev.imgdiff.budget;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.CategoryTotal;
import dev.imgdiff.analysis.LayerInfo;
import dev.imgdiff.attribute.Category;
import dev.imgdiff.attribute.Package;
import dev.imgdiff.attribute.PackageAttribution.PackageTotal;
import dev.imgdiff.tree.DiveFigures;
import dev.imgdiff.tree.Node;
import dev.imgdiff.tree.Waste;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Checks an analysed image against a budget. Figures come from the analysis; where ignore patterns apply,
 * the waste and category figures are recomputed from the tree (visible files by their category, wasted
 * copies by their path) without the ignored paths. A path is ignored when it, or a directory above it,
 * matches an ignore pattern.
 */
public final class BudgetEvaluator {
    private static final Comparator<Offender> BIGGEST = Comparator.comparingLong(Offender::bytes).reversed()
            .thenComparing(Offender::what);
    private final int top;

    /** @param top how many offenders to keep per rule */
    public BudgetEvaluator(int top) {
        this.top = Math.max(0, top);
    }

    /**
     * @param image    the image's name, for the report
     * @param baseline what growth is measured against; required when the budget has growth limits
     * @throws IllegalArgumentException when a growth rule has no baseline, or a dive rule no dive figures
     */
    public BudgetReport evaluate(Budget b, Analysis a, String image, Baseline baseline) {
        if (b.needsBaseline() && baseline == null) {
            throw new IllegalArgumentException("max-growth needs a baseline (--baseline REPORT.json or IMAGE)");
        }
        if (b.needsDive() && a.tree().dive() == null) {
            throw new IllegalArgumentException("dive's rules need dive's figures: analyse with dive figures on");
        }
        List<RuleResult> out = new ArrayList<>();
        long image0 = a.imageSize();
        if (b.maxSize() != null) {
            out.add(max("max-size", "image size", b.maxSize(), image0,
                    layers(a, l -> l.delta().size()), ""));
        }
        if (b.maxCompressedSize() != null) {
            out.add(max("max-compressed-size", "compressed size", b.maxCompressedSize(), a.compressedSize(),
                    layers(a, LayerInfo::compressedSize), ""));
        }
        if (b.maxContentSize() != null) {
            out.add(max("max-content-size", "content size", b.maxContentSize(), a.contentSize(), List.of(), ""));
        }
        if (b.maxLayers() != null) {
            int n = a.layers().size();
            out.add(new RuleResult("max-layers", "layers", RuleResult.Bound.MAX, new Figure.Count(b.maxLayers()),
                    new Figure.Count(n), n <= b.maxLayers() ? RuleResult.Status.PASS : RuleResult.Status.FAIL,
                    List.of(), ""));
        }
        if (b.maxWasted() != null || b.minEfficiency() != null) {
            wasteRules(b, a, out);
        }
        if (!b.dive().isEmpty()) {
            diveRules(b, a.tree().dive(), out);
        }
        if (!b.categories().isEmpty() || !b.packages().isEmpty() || !b.forbidPaths().isEmpty()) {
            new Walk(b, a).run(out);
        }
        if (b.needsBaseline()) {
            growth(b.growth(), a, baseline, out);
        }
        return new BudgetReport(image, baseline == null ? null : baseline.name(), b.source(), out, b.warnings());
    }

    private static RuleResult max(String rule, String what, long limit, long actual, List<Offender> offenders,
                                  String note) {
        return new RuleResult(rule, what, RuleResult.Bound.MAX, new Figure.Bytes(limit), new Figure.Bytes(actual),
                actual <= limit ? RuleResult.Status.PASS : RuleResult.Status.FAIL, offenders, note);
    }

    private List<Offender> layers(Analysis a, java.util.function.ToLongFunction<LayerInfo> size) {
        return a.layers().stream()
                .map(l -> new Offender("layer " + (l.index() + 1) + ": " + l.instruction(), size.applyAsLong(l), 1))
                .filter(o -> o.bytes() > 0)
                .sorted(Comparator.comparingLong(Offender::bytes).reversed())
                .limit(top).toList();
    }

    private void wasteRules(Budget b, Analysis a, List<RuleResult> out) {
        Ignores ignores = new Ignores(b.ignore(), b.wastedIgnore());
        long wasted = 0;
        PriorityQueue<Offender> biggest = new PriorityQueue<>(BIGGEST.reversed());
        for (Waste w : a.tree().waste()) {
            if (ignores.ignored(w.path())) {
                continue;
            }
            wasted += w.bytes();
            keep(biggest, new Offender(w.path(), w.bytes(), 1));
        }
        List<Offender> offenders = sorted(biggest);
        String note = ignores.note();
        long image = a.imageSize();
        if (b.maxWasted() != null) {
            Amount m = b.maxWasted();
            boolean ok = m.allows(wasted, image);
            Figure limit = m.isPercent() ? new Figure.Percent(m.fraction()) : new Figure.Bytes(m.bytes());
            Figure actual = m.isPercent() ? new Figure.Percent(image == 0 ? 0 : (double) wasted / image)
                    : new Figure.Bytes(wasted);
            out.add(new RuleResult("max-wasted", m.isPercent() ? "wasted share of the image size" : "wasted bytes",
                    RuleResult.Bound.MAX, limit, actual, ok ? RuleResult.Status.PASS : RuleResult.Status.FAIL,
                    offenders, m.isPercent() ? join(note, String.format(java.util.Locale.ROOT, "%,d bytes wasted", wasted)) : note));
        }
        if (b.minEfficiency() != null) {
            BigDecimal r = b.minEfficiency();
            // (image - wasted) / image >= r, exactly; an empty image is fully efficient
            boolean ok = image == 0 || BigDecimal.valueOf(image - wasted).compareTo(r.multiply(BigDecimal.valueOf(image))) >= 0;
            double eff = image == 0 ? 1.0 : (double) (image - wasted) / image;
            out.add(new RuleResult("min-efficiency", "efficiency (content / image size)", RuleResult.Bound.MIN,
                    new Figure.Ratio(r.doubleValue()), new Figure.Ratio(eff),
                    ok ? RuleResult.Status.PASS : RuleResult.Status.FAIL,
                    ok || b.maxWasted() != null ? List.of() : offenders, note));
        }
    }

    /** dive's rules with dive's verdicts: a rule fails only when its figure is strictly beyond the threshold. */
    private static void diveRules(Budget b, DiveFigures d, List<RuleResult> out) {
        for (Budget.DiveRule r : b.dive()) {
            String rule = "dive." + r.key();
            switch (r.key()) {
                case Budget.DiveRule.LOWEST_EFFICIENCY -> {
                    Figure actual = d == null ? null : new Figure.Ratio(d.efficiency());
                    out.add(r.disabled() ? skip(rule, "dive efficiency", RuleResult.Bound.MIN, actual)
                            : new RuleResult(rule, "dive efficiency", RuleResult.Bound.MIN,
                            new Figure.Ratio(r.threshold()), actual,
                            r.threshold() > d.efficiency() ? RuleResult.Status.FAIL : RuleResult.Status.PASS,
                            List.of(), "configured: " + r.configured()));
                }
                case Budget.DiveRule.HIGHEST_WASTED_BYTES -> {
                    Figure actual = d == null ? null : new Figure.Bytes(d.wastedBytes());
                    out.add(r.disabled() ? skip(rule, "dive wasted bytes", RuleResult.Bound.MAX, actual)
                            : new RuleResult(rule, "dive wasted bytes", RuleResult.Bound.MAX,
                            new Figure.Bytes(r.threshold().longValue()), actual,
                            d.wastedBytes() > r.threshold() ? RuleResult.Status.FAIL : RuleResult.Status.PASS,
                            List.of(), "configured: " + r.configured()));
                }
                default -> {
                    Figure actual = d == null ? null : new Figure.Percent(d.userWastedPercent());
                    out.add(r.disabled() ? skip(rule, "dive user wasted percent", RuleResult.Bound.MAX, actual)
                            : new RuleResult(rule, "dive user wasted percent", RuleResult.Bound.MAX,
                            new Figure.Percent(r.threshold()), actual,
                            d.userWastedPercent() > r.threshold() ? RuleResult.Status.FAIL : RuleResult.Status.PASS,
                            List.of(), "configured: " + r.configured()));
                }
            }
        }
    }

    private static RuleResult skip(String rule, String what, RuleResult.Bound bound, Figure actual) {
        return new RuleResult(rule, what, bound, null, actual, RuleResult.Status.SKIP, List.of(), "disabled");
    }

    private static void growth(Budget.Growth g, Analysis a, Baseline base, List<RuleResult> out) {
        String note = "";
        if (g.size() != null) {
            out.add(grow("max-growth.size", "growth of the image size", g.size(), a.imageSize(), base.imageSize(), note));
        }
        if (g.compressedSize() != null) {
            out.add(grow("max-growth.compressed-size", "growth of the compressed size", g.compressedSize(),
                    a.compressedSize(), base.compressedSize(), note));
        }
        if (g.contentSize() != null) {
            out.add(grow("max-growth.content-size", "growth of the content size", g.contentSize(), a.contentSize(),
                    base.contentSize(), note));
        }
        for (Map.Entry<String, Amount> e : g.categories().entrySet()) {
            Set<Category> cats = Labels.categories(e.getKey());
            long now = a.categories().stream().filter(c -> cats.contains(c.category())).mapToLong(CategoryTotal::bytes).sum();
            out.add(grow("max-growth.categories." + e.getKey(), "growth of " + e.getKey(), e.getValue(), now,
                    base.category(e.getKey()), note));
        }
    }

    private static RuleResult grow(String rule, String what, Amount limit, long now, long before, String note) {
        long diff = now - before;
        Figure l = limit.isPercent() ? new Figure.Percent(limit.fraction()) : new Figure.Bytes(limit.bytes());
        Figure actual = new Figure.Growth(diff, before == 0 ? null : (double) diff / before);
        return new RuleResult(rule, what, RuleResult.Bound.MAX, l, actual,
                limit.allows(diff, before) ? RuleResult.Status.PASS : RuleResult.Status.FAIL, List.of(),
                join(note, String.format(java.util.Locale.ROOT, "%,d → %,d bytes", before, now)));
    }

    private void keep(PriorityQueue<Offender> q, Offender o) {
        if (top == 0) {
            return;
        }
        q.add(o);
        if (q.size() > top) {
            q.poll();
        }
    }

    private static List<Offender> sorted(PriorityQueue<Offender> q) {
        List<Offender> l = new ArrayList<>(q);
        l.sort(BIGGEST);
        return l;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    /** Ignore patterns: a path is ignored when it or a directory above it matches one. */
    static final class Ignores {
        private final List<Glob> globs;
        private final List<String> patterns;

        Ignores(List<String> common, List<String> own) {
            patterns = new ArrayList<>(common);
            patterns.addAll(own);
            globs = Glob.all(patterns);
        }

        boolean isEmpty() {
            return globs.isEmpty();
        }

        /** The path alone (for a walk that carries its parents' verdict). */
        boolean matches(String path) {
            return !globs.isEmpty() && Glob.any(globs, path);
        }

        /** The path or any directory above it. */
        boolean ignored(String path) {
            if (globs.isEmpty()) {
                return false;
            }
            for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
                if (Glob.any(globs, path.substring(0, i))) {
                    return true;
                }
            }
            return Glob.any(globs, path);
        }

        String note() {
            return patterns.isEmpty() ? "" : "ignoring " + String.join(", ", patterns);
        }
    }

    /** One walk of the final filesystem for the category, package and forbidden-path rules. */
    private final class Walk {
        private final Budget b;
        private final Analysis a;
        private final Ignores catIgnores;
        private final Ignores forbidIgnores;
        private final List<Glob> forbid;
        private final long[] catBytes = new long[Category.values().length];
        private final List<PriorityQueue<Offender>> catTop = new ArrayList<>();
        private final Map<Package, List<Integer>> pkgRules = new IdentityHashMap<>();
        private final List<String> pkgSpecs;
        private final List<List<String>> pkgMatched = new ArrayList<>();
        private final List<PriorityQueue<Offender>> pkgTop = new ArrayList<>();
        private final long[] pkgBytes;
        private final Map<String, long[]> groups = new LinkedHashMap<>();
        private int forbidden;
        private long forbiddenBytes;

        Walk(Budget b, Analysis a) {
            this.b = b;
            this.a = a;
            catIgnores = new Ignores(b.ignore(), b.categoriesIgnore());
            forbidIgnores = new Ignores(b.ignore(), b.forbidIgnore());
            forbid = Glob.all(b.forbidPaths());
            for (int i = 0; i < catBytes.length; i++) {
                catTop.add(new PriorityQueue<>(BIGGEST.reversed()));
            }
            pkgSpecs = new ArrayList<>(b.packages().keySet());
            pkgBytes = new long[pkgSpecs.size()];
            for (int i = 0; i < pkgSpecs.size(); i++) {
                pkgTop.add(new PriorityQueue<>(BIGGEST.reversed()));
                List<String> matched = new ArrayList<>();
                for (PackageTotal t : a.packages().totals()) {
                    if (matches(pkgSpecs.get(i), t.pkg())) {
                        pkgRules.computeIfAbsent(t.pkg(), k -> new ArrayList<>()).add(i);
                        matched.add(t.pkg().key());
                    }
                }
                pkgMatched.add(matched);
            }
        }

        /** A name ("gcc-12"), an ecosystem and name ("deb:gcc-12") or a key ("deb:gcc-12@12.2.0-14"). */
        private static boolean matches(String spec, Package p) {
            if (spec.equals(p.key())) {
                return true;
            }
            int colon = spec.indexOf(':');
            if (colon > 0 && spec.indexOf('@') < 0) {
                return spec.substring(0, colon).equals(p.ecosystem()) && spec.substring(colon + 1).equals(p.name());
            }
            return colon < 0 && spec.indexOf('@') < 0 && spec.equals(p.name());
        }

        private record Item(Node node, String path, boolean catIgnored, boolean forbidIgnored, String group) {
        }

        void run(List<RuleResult> out) {
            boolean cats = !b.categories().isEmpty();
            boolean pkgs = !pkgRules.isEmpty();
            boolean paths = !forbid.isEmpty();
            boolean needPaths = paths || cats && (!catIgnores.isEmpty() || top > 0) || pkgs && top > 0;
            Deque<Item> stack = new ArrayDeque<>();
            stack.push(new Item(a.tree().root(), "", false, false, null));
            while (!stack.isEmpty()) {
                Item it = stack.pop();
                Node n = it.node();
                boolean root = n.parent() == null;
                boolean catIgnored = cats && (it.catIgnored() || !root && catIgnores.matches(it.path()));
                boolean forbidIgnored = paths && (it.forbidIgnored() || !root && forbidIgnores.matches(it.path()));
                String group = it.group();
                if (paths && !root && !forbidIgnored) {
                    if (group == null && Glob.any(forbid, it.path())) {
                        group = it.path();
                        groups.put(group, new long[2]);
                    }
                    if (group != null) {
                        forbidden++;
                        if (!n.isDirectory()) {
                            long[] g = groups.get(group);
                            g[0] += n.size();
                            g[1]++;
                            forbiddenBytes += n.size();
                        }
                    }
                }
                if (n.isDirectory()) {
                    for (Node k : n.childrenUnsorted()) {
                        stack.push(new Item(k, needPaths ? it.path() + "/" + k.name() : null, catIgnored,
                                forbidIgnored, group));
                    }
                    continue;
                }
                if (cats && !catIgnored) {
                    int c = a.categorizer().of(n).ordinal();
                    catBytes[c] += n.size();
                    if (top > 0) {
                        keep(catTop.get(c), new Offender(it.path(), n.size(), 1));
                    }
                }
                if (pkgs) {
                    List<Integer> rules = pkgRules.get(a.packages().of(n));
                    if (rules != null) {
                        for (int i : rules) {
                            pkgBytes[i] += n.size();
                            if (top > 0) {
                                keep(pkgTop.get(i), new Offender(it.path(), n.size(), 1));
                            }
                        }
                    }
                }
            }
            String catNote = catIgnores.note();
            for (Map.Entry<String, Long> e : b.categories().entrySet()) {
                long sum = 0;
                PriorityQueue<Offender> q = new PriorityQueue<>(BIGGEST.reversed());
                for (Category c : Labels.categories(e.getKey())) {
                    sum += catBytes[c.ordinal()];
                    catTop.get(c.ordinal()).forEach(o -> keep(q, o));
                }
                RuleResult r = max("categories." + e.getKey(), e.getKey() + " bytes", e.getValue(), sum, sorted(q), catNote);
                out.add(r);
            }
            for (int i = 0; i < pkgSpecs.size(); i++) {
                String spec = pkgSpecs.get(i);
                List<String> matched = pkgMatched.get(i);
                String note = matched.isEmpty() ? "no such package in the image" : String.join(", ", matched);
                out.add(max("packages." + spec, "bytes of package " + spec, b.packages().get(spec), pkgBytes[i],
                        sorted(pkgTop.get(i)), note));
            }
            if (paths) {
                List<Offender> offenders = new ArrayList<>();
                groups.forEach((p, g) -> offenders.add(new Offender(p, g[0], (int) g[1])));
                offenders.sort(BIGGEST);
                String note = "patterns " + String.join(", ", b.forbidPaths());
                String ign = forbidIgnores.note();
                out.add(new RuleResult("forbid-paths", "forbidden paths", RuleResult.Bound.MAX, new Figure.Paths(0, 0),
                        new Figure.Paths(forbidden, forbiddenBytes),
                        forbidden == 0 ? RuleResult.Status.PASS : RuleResult.Status.FAIL,
                        top == 0 ? List.of() : offenders.subList(0, Math.min(offenders.size(), Math.max(top, 20))),
                        join(note, ign)));
            }
        }
    }
}
