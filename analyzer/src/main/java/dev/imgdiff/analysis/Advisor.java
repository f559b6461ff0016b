package dev.imgdiff.analysis;

import dev.imgdiff.attribute.Category;
import dev.imgdiff.attribute.PackageAttribution;
import dev.imgdiff.tree.Node;
import dev.imgdiff.tree.Waste;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an analysis into a short list of changes with the bytes each would save: a toolchain or dev
 * dependencies in the final image, package-manager caches, files a later layer deletes or rewrites,
 * sources and .git, docs, a large base. Every figure comes from the analysis (only the base-image item
 * is an upper bound); items never count the same bytes twice, except that the base-image bound overlaps
 * the others by nature.
 */
public final class Advisor {
    private static final int EVIDENCE = 3;

    private Advisor() {
    }

    /** A kind of package-manager cache, how to recognise its paths, and how to avoid it. */
    private record CacheKind(String id, String name, String action, String... markers) {
        boolean matches(String path) {
            for (String m : markers) {
                if (path.contains(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<CacheKind> CACHES = List.of(
            new CacheKind("cache:apt", "apt package lists and archives",
                    "rm -rf /var/lib/apt/lists/* in the same RUN as apt-get install (or apt-get clean)",
                    "/var/lib/apt/lists/", "/var/cache/apt/"),
            new CacheKind("cache:npm", "the npm cache",
                    "npm cache clean --force in the same RUN as npm ci, or a build-cache mount", "/.npm/"),
            new CacheKind("cache:yarn", "the yarn cache", "yarn cache clean in the same RUN, or a build-cache mount",
                    "/.cache/yarn/", "/.yarn/cache/", "/usr/local/share/.cache/yarn/"),
            new CacheKind("cache:pip", "the pip cache", "pip install --no-cache-dir", "/.cache/pip/"),
            new CacheKind("cache:go", "the Go build and module caches",
                    "build in a builder stage and copy only the binary (or use cache mounts)",
                    "/.cache/go-build/", "/go/pkg/mod/"),
            new CacheKind("cache:apk", "the apk cache", "apk add --no-cache", "/var/cache/apk/"),
            new CacheKind("cache:maven", "the Maven and Gradle caches",
                    "build in a builder stage and copy only the artifact", "/.m2/repository/", "/.gradle/"),
            new CacheKind("cache:cargo", "the Cargo registry", "build in a builder stage and copy only the binary",
                    "/cargo/registry/", "/cargo/git/", "/.cargo/registry/", "/.cargo/git/"));

    public static List<Advice> advise(Analysis a) {
        return new Advisor.Run(a).advise();
    }

    /** One run over an analysis: the leaves are walked once for all the evidence. */
    private static final class Run {
        private final Analysis a;
        /** Per category: bytes below each directory three levels down. */
        private final Map<Category, Map<Node, long[]>> dirs = new java.util.EnumMap<>(Category.class);
        private final List<Node> cacheLeaves = new ArrayList<>();

        Run(Analysis a) {
            this.a = a;
            a.tree().forEachLeaf(n -> {
                if (n.size() == 0) {
                    return;
                }
                Category c = a.categorizer().of(n);
                if (c == Category.CACHE) {
                    cacheLeaves.add(n);
                }
                if (c == Category.TOOLCHAIN || c == Category.NODE_MODULES_DEV || c == Category.VCS_SOURCE
                        || c == Category.DOCS) {
                    dirs.computeIfAbsent(c, k -> new java.util.IdentityHashMap<>())
                            .computeIfAbsent(ancestorAtDepth(n, 3), k -> new long[1])[0] += n.size();
                }
            });
        }

        List<Advice> advise() {
            return Advisor.advise(a, this);
        }

        List<Advice.Evidence> largestUnder(Category c) {
            return dirs.getOrDefault(c, Map.of()).entrySet().stream()
                    .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]))
                    .limit(EVIDENCE).map(e -> new Advice.Evidence(e.getKey().path(), e.getValue()[0])).toList();
        }
    }

    private static List<Advice> advise(Analysis a, Run run) {
        List<Advice> out = new ArrayList<>();
        Map<Category, Long> visible = new java.util.EnumMap<>(Category.class);
        a.categories().forEach(c -> visible.put(c.category(), c.bytes()));

        long toolchain = visible.getOrDefault(Category.TOOLCHAIN, 0L);
        if (toolchain > 0) {
            out.add(new Advice("toolchain", "compilers and SDKs in the final image",
                    "compile in a builder stage and COPY only the build output into a runtime stage (multi-stage build)",
                    toolchain, false, packagesOf(a, run, Category.TOOLCHAIN)));
        }
        long dev = visible.getOrDefault(Category.NODE_MODULES_DEV, 0L);
        if (dev > 0) {
            out.add(new Advice("dev-dependencies", "npm devDependencies shipped",
                    "install production dependencies only in the runtime image: npm ci --omit=dev "
                            + "(or npm prune --omit=dev after the build)", dev, false,
                    packagesOf(a, run, Category.NODE_MODULES_DEV)));
        }
        if (!run.cacheLeaves.isEmpty()) {
            cacheAdvice(run.cacheLeaves, out);
        }
        wasteAdvice(a, out);
        long source = visible.getOrDefault(Category.VCS_SOURCE, 0L);
        if (source > 0) {
            out.add(new Advice("vcs-source", ".git and sources copied in",
                    "list .git and the sources in .dockerignore, or COPY only the build output", source, false,
                    run.largestUnder(Category.VCS_SOURCE)));
        }
        long docs = visible.getOrDefault(Category.DOCS, 0L);
        if (docs > 0) {
            out.add(new Advice("docs", "documentation, man pages and translations",
                    "apt-get install --no-install-recommends, and remove /usr/share/doc, /usr/share/man and "
                            + "/usr/share/locale in the same RUN (or a dpkg path-exclude)", docs, false,
                    run.largestUnder(Category.DOCS)));
        }
        long os = visible.getOrDefault(Category.OS, 0L);
        if (os >= 50_000_000L || (a.contentSize() > 0 && os * 2 > a.contentSize() && os >= 10_000_000L)) {
            out.add(new Advice("base-image", "a large base image",
                    "a -slim or distroless base keeps only what the runtime needs", os, true,
                    List.of(new Advice.Evidence("the base image's files and other system files", os))));
        }
        out.sort(Comparator.comparingLong(Advice::bytes).reversed().thenComparing(Advice::id));
        return out;
    }

    private static void cacheAdvice(List<Node> leaves, List<Advice> out) {
        Map<CacheKind, long[]> bytes = new LinkedHashMap<>();
        Map<CacheKind, String> biggest = new LinkedHashMap<>();
        CacheKind other = new CacheKind("cache:other", "other caches", "remove them in the same RUN that fills them");
        leaves.forEach(n -> {
            String path = n.path();
            CacheKind kind = other;
            for (CacheKind k : CACHES) {
                if (k.matches(path)) {
                    kind = k;
                    break;
                }
            }
            long[] b = bytes.computeIfAbsent(kind, k -> new long[2]);
            b[0] += n.size();
            if (n.size() > b[1]) {
                b[1] = n.size();
                biggest.put(kind, path);
            }
        });
        bytes.forEach((k, b) -> out.add(new Advice(k.id(), k.name() + " left in the image", k.action(), b[0], false,
                List.of(new Advice.Evidence(dirOf(biggest.get(k)), -1)))));
    }

    /** Bytes a layer wrote that a later layer deleted or rewrote, per pair of layers. */
    private static void wasteAdvice(Analysis a, List<Advice> out) {
        record Pair(int writer, int hider, boolean rewrite) {
        }
        Map<Pair, long[]> groups = new LinkedHashMap<>();
        Map<Pair, String> biggest = new LinkedHashMap<>();
        for (Waste w : a.tree().waste()) {
            if (w.writtenBy() == w.hiddenBy()) {
                continue;
            }
            boolean rewrite = w.reason() == Waste.Reason.OVERWRITTEN;
            Pair p = new Pair(w.writtenBy(), w.hiddenBy(), rewrite);
            long[] g = groups.computeIfAbsent(p, k -> new long[2]);
            g[0] += w.bytes();
            if (w.bytes() > g[1]) {
                g[1] = w.bytes();
                biggest.put(p, w.path());
            }
        }
        Map<Pair, long[]> sameLayer = new LinkedHashMap<>();
        for (Waste w : a.tree().waste()) {
            if (w.writtenBy() == w.hiddenBy()) {
                sameLayer.computeIfAbsent(new Pair(w.writtenBy(), w.hiddenBy(), false), k -> new long[1])[0] += w.bytes();
            }
        }
        groups.forEach((p, g) -> {
            List<Advice.Evidence> ev = List.of(new Advice.Evidence(layer(a, p.writer()), -1),
                    new Advice.Evidence(layer(a, p.hider()), -1),
                    new Advice.Evidence(p.rewrite() ? biggest.get(p) : dirOf(biggest.get(p)), g[1]));
            String w = "layer " + (p.writer() + 1);
            String h = "layer " + (p.hider() + 1);
            if (p.rewrite()) {
                String instr = a.layers().get(p.hider()).instruction().toLowerCase(Locale.ROOT);
                String action = instr.contains("chmod") || instr.contains("chown") || instr.contains("touch")
                        ? "set owners and modes where the files are written (COPY --chown/--chmod, or in the same RUN)"
                        : instr.matches(".*\\b(apt-get|apt|apk|yum|dnf|microdnf|zypper)\\b.*")
                        ? "install packages in one RUN: each install rewrites the package database and its caches"
                        : "write the final version of these files in one layer";
                out.add(new Advice("rewritten-later:" + (p.writer() + 1) + ":" + (p.hider() + 1),
                        "files of " + w + " rewritten by " + h, action, g[0], false, ev));
            } else {
                out.add(new Advice("deleted-later:" + (p.writer() + 1) + ":" + (p.hider() + 1),
                        "files of " + w + " deleted by " + h,
                        "delete them in the same RUN that creates them (a later layer cannot take bytes back)",
                        g[0], false, ev));
            }
        });
        sameLayer.forEach((p, g) -> out.add(new Advice("written-twice:" + (p.writer() + 1),
                "files written twice in layer " + (p.writer() + 1), "write each file once", g[0], false,
                List.of(new Advice.Evidence(layer(a, p.writer()), -1)))));
    }

    static String layer(Analysis a, int index) {
        String instr = a.layers().get(index).instruction();
        return "layer " + (index + 1) + (instr.isEmpty() ? "" : ": " + instr);
    }

    private static List<Advice.Evidence> packagesOf(Analysis a, Run run, Category c) {
        List<Advice.Evidence> out = new ArrayList<>();
        for (PackageAttribution.PackageTotal t : a.packages().totals()) {
            if (t.category() == c && !t.pkg().key().equals("unowned")) {
                out.add(new Advice.Evidence(t.pkg().name() + " " + t.pkg().version(), t.bytes()));
                if (out.size() == EVIDENCE) {
                    break;
                }
            }
        }
        return out.isEmpty() ? run.largestUnder(c) : out;
    }

    /** The ancestor directory {@code depth} levels below the root (the parent, for shallower leaves). */
    private static Node ancestorAtDepth(Node n, int depth) {
        int d = 0;
        for (Node x = n.parent(); x != null && x.parent() != null; x = x.parent()) {
            d++;
        }
        Node x = n.parent();
        for (int i = d; i > depth; i--) {
            x = x.parent();
        }
        return x;
    }

    private static String dirOf(String path) {
        if (path == null) {
            return "";
        }
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }
}
