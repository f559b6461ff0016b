package dev.imgdiff.report;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.CategoryTotal;
import dev.imgdiff.analysis.LayerInfo;
import dev.imgdiff.attribute.Categorizer;
import dev.imgdiff.attribute.PackageAttribution;
import dev.imgdiff.compare.TreeDiff;
import dev.imgdiff.tree.Change;
import dev.imgdiff.tree.Node;
import dev.imgdiff.tree.Waste;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns analyses into reports. Reports are plain data: nothing in them points back into a tree. */
public final class ReportBuilder {
    private static final Comparator<ImageReport.FileRow> FILES = Comparator
            .comparingLong(ImageReport.FileRow::bytes).thenComparing(ImageReport.FileRow::path, Comparator.reverseOrder());
    private static final Comparator<ImageReport.DirRow> DIRS = Comparator
            .comparingLong(ImageReport.DirRow::bytes).thenComparing(ImageReport.DirRow::path, Comparator.reverseOrder());

    private final int top;
    private final boolean withFiles;

    /** @param top how many rows the "largest" lists keep */
    public ReportBuilder(int top) {
        this(top, false);
    }

    private ReportBuilder(int top, boolean withFiles) {
        this.top = top;
        this.withFiles = withFiles;
    }

    /** Reports that carry every path's history ({@link ImageReport#files()}), as the explorer needs. */
    public ReportBuilder withFiles(boolean on) {
        return new ReportBuilder(top, on);
    }

    public ImageReport image(Analysis a) {
        ImageReport.Image image = new ImageReport.Image(a.info().reference(), a.info().format(), a.info().repoTag(),
                a.info().configDigest(), a.info().manifestDigest(),
                a.config().platform() == null ? null : a.config().platform().toString(), a.config().created());
        dev.imgdiff.tree.DiveFigures df = a.tree().dive();
        ImageReport.Dive dive = df == null ? null
                : new ImageReport.Dive(df.efficiency(), df.wastedBytes(), df.userWastedPercent(), df.imageSize());
        List<ImageReport.AdviceRow> advice = new ArrayList<>();
        for (dev.imgdiff.analysis.Advice ad : dev.imgdiff.analysis.Advisor.advise(a)) {
            advice.add(new ImageReport.AdviceRow(ad.id(), ad.title(), ad.action(), ad.bytes(), ad.upTo(),
                    ad.evidence().stream().map(e -> new ImageReport.EvidenceRow(e.what(), e.bytes())).toList()));
        }
        ImageReport.Totals totals = new ImageReport.Totals(a.imageSize(), a.contentSize(), a.wastedBytes(),
                a.compressedSize(), a.efficiency(), a.layers().size(), a.baseLayers(), a.tree().files(),
                a.tree().directories());
        List<ImageReport.Layer> layers = new ArrayList<>();
        for (LayerInfo l : a.layers()) {
            TopN<ImageReport.ChangeRow> largest = new TopN<>(top, Comparator.comparingLong(ImageReport.ChangeRow::bytes)
                    .thenComparing(ImageReport.ChangeRow::path, Comparator.reverseOrder()));
            for (Change c : l.delta().changes()) {
                if (c.type() != Change.Type.DELETED && c.bytes() > 0
                        && largest.wouldAccept(new ImageReport.ChangeRow("", c.bytes(), null))) {
                    largest.offer(new ImageReport.ChangeRow(c.node().path(), c.bytes(), c.type().name().toLowerCase()));
                }
            }
            layers.add(new ImageReport.Layer(l.index(), l.instruction(), l.createdBy(), l.base(), l.digest(), l.diffId(),
                    l.mediaType(), l.compression().name().toLowerCase(), l.compressedSize(), l.delta().size(),
                    l.delta().added(), l.delta().addedBytes(), l.delta().modified(), l.delta().modifiedBytes(),
                    l.delta().deleted(), l.delta().deletedBytes(), l.delta().wastedBytes(), largest.result()));
        }
        List<ImageReport.CategoryRow> categories = new ArrayList<>();
        for (CategoryTotal c : a.categories()) {
            categories.add(new ImageReport.CategoryRow(c.category().label(), c.bytes(), c.files(), c.wastedBytes()));
        }
        List<ImageReport.PackageRow> packages = new ArrayList<>();
        for (PackageAttribution.PackageTotal t : a.packages().totals()) {
            packages.add(new ImageReport.PackageRow(t.pkg().key(), t.pkg().ecosystem(), t.pkg().name(),
                    t.pkg().version(), t.bytes(), t.files(), t.category().label()));
        }
        List<ImageReport.GoBinaryRow> goBinaries = a.packages().goBinaries().stream()
                .map(g -> new ImageReport.GoBinaryRow(g.path(), g.bytes(), g.info().goVersion(), g.info().path(),
                        g.info().module(), g.info().moduleVersion(), g.owner().key()))
                .toList();
        TopN<ImageReport.FileRow> files = new TopN<>(top, FILES);
        Categorizer cat = a.categorizer();
        a.tree().forEachLeaf(n -> {
            if (n.size() > 0 && files.wouldAccept(new ImageReport.FileRow("", n.size(), 0, null))) {
                files.offer(new ImageReport.FileRow(n.path(), n.size(), n.layer(), cat.of(n).label()));
            }
        });
        TopN<ImageReport.DirRow> dirs = new TopN<>(top, DIRS);
        a.tree().forEachNode(n -> {
            if (n.isDirectory() && n.parent() != null && n.size() > 0
                    && dirs.wouldAccept(new ImageReport.DirRow("", n.size(), 0)) && !passThrough(n)) {
                dirs.offer(new ImageReport.DirRow(n.path(), n.size(), n.files()));
            }
        });
        TopN<ImageReport.WasteRow> waste = new TopN<>(top, Comparator.comparingLong(ImageReport.WasteRow::bytes)
                .thenComparing(ImageReport.WasteRow::path, Comparator.reverseOrder()));
        for (Waste w : a.tree().waste()) {
            waste.offer(new ImageReport.WasteRow(w.path(), w.bytes(), w.writtenBy(), w.hiddenBy(),
                    w.reason().name().toLowerCase().replace('_', '-')));
        }
        ImageReport report = new ImageReport(ImageReport.SCHEMA_VERSION, "analysis", image, totals, dive, layers,
                categories, packages, goBinaries, files.result(), dirs.result(), waste.result(), wasteGroups(a),
                duplicates(a), advice, a.warnings(), null);
        return withFiles ? report.withFiles(files(a, packages)) : report;
    }

    /**
     * The history of every non-directory path some layer touched (what {@code explore} shows).
     *
     * @param packages the package rows of the same analysis' report, which the entries point into
     */
    public ImageReport.Files files(Analysis a, List<ImageReport.PackageRow> packages) {
        java.util.Map<String, Integer> pkgIndex = new java.util.HashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            pkgIndex.put(packages.get(i).key(), i);
        }
        final class Acc {
            final List<ImageReport.PathChange> changes = new ArrayList<>(1);
            Node last;
        }
        java.util.Map<String, Acc> byPath = new java.util.HashMap<>();
        for (LayerInfo l : a.layers()) {
            for (Change c : l.delta().changes()) {
                Acc acc = byPath.computeIfAbsent(c.node().path(), k -> new Acc());
                acc.changes.add(new ImageReport.PathChange(l.index(), switch (c.type()) {
                    case ADDED -> 'A';
                    case MODIFIED -> 'M';
                    case DELETED -> 'D';
                }, c.bytes()));
                acc.last = c.node();
            }
        }
        Categorizer cat = a.categorizer();
        List<ImageReport.FileEntry> entries = new ArrayList<>(byPath.size());
        byPath.forEach((path, acc) -> {
            Node n = acc.last;
            boolean visible = !n.detached() && acc.changes.get(acc.changes.size() - 1).change() != 'D';
            String type = switch (n.kind()) {
                case FILE -> "file";
                case SYMLINK -> "symlink";
                case HARDLINK -> "hardlink";
                default -> "other";
            };
            String category;
            int pkg;
            if (visible) {
                category = cat.of(n).label();
                pkg = pkgIndex.getOrDefault(a.packages().of(n).key(), -1);
            } else {
                int written = -1;
                for (ImageReport.PathChange pc : acc.changes) {
                    if (pc.change() != 'D') {
                        written = pc.layer();
                    }
                }
                category = cat.of(path, Math.max(0, written)).label();
                pkg = -1;
            }
            entries.add(new ImageReport.FileEntry(path, type, n.link(), category, pkg, acc.changes));
        });
        entries.sort(Comparator.comparing(ImageReport.FileEntry::path));
        return new ImageReport.Files(entries.size(), entries);
    }

    /** Visible files grouped by content hash; null when the scan did not hash content. */
    private ImageReport.Duplicates duplicates(Analysis a) {
        if (!a.tree().contentHashed()) {
            return null;
        }
        java.util.Map<String, List<dev.imgdiff.tree.Node>> groups = new java.util.HashMap<>();
        boolean[] hashed = {false};
        a.tree().forEachLeaf(n -> {
            byte[] h = n.contentHash();
            if (h != null) {
                hashed[0] = true;
                if (n.size() > 0) {
                    groups.computeIfAbsent(java.util.HexFormat.of().formatHex(h) + ":" + n.size(), k -> new ArrayList<>()).add(n);
                }
            }
        });
        if (!hashed[0]) {
            return null;
        }
        long savings = 0;
        int count = 0;
        TopN<ImageReport.DuplicateGroup> largest = new TopN<>(top, Comparator.comparingLong(ImageReport.DuplicateGroup::savings)
                .thenComparing(g -> g.paths().get(0), Comparator.reverseOrder()));
        for (List<dev.imgdiff.tree.Node> g : groups.values()) {
            if (g.size() < 2) {
                continue;
            }
            long each = g.get(0).size();
            long save = each * (g.size() - 1);
            savings += save;
            count++;
            List<String> paths = g.stream().map(dev.imgdiff.tree.Node::path).sorted().limit(5).toList();
            largest.offer(new ImageReport.DuplicateGroup(each, g.size(), save, paths));
        }
        return new ImageReport.Duplicates(savings, count, largest.result());
    }

    /**
     * Groups waste by (written by, hidden by, reason, first two path segments), each group under the
     * deepest directory its paths share: "83 MB in 263 files under /root/.npm/_cacache, written by layer
     * 10, deleted in layer 13".
     */
    private List<ImageReport.WasteGroup> wasteGroups(Analysis a) {
        record Key(int writtenBy, int hiddenBy, Waste.Reason reason, String top) {
        }
        final class Group {
            String first;
            String prefix;
            long bytes;
            int files;
        }
        java.util.Map<Key, Group> groups = new java.util.HashMap<>();
        for (Waste w : a.tree().waste()) {
            Key k = new Key(w.writtenBy(), w.hiddenBy(), w.reason(), topOf(w.path()));
            Group g = groups.computeIfAbsent(k, x -> new Group());
            if (g.first == null) {
                g.first = w.path();
            }
            g.prefix = g.prefix == null ? parentOf(w.path()) : commonDir(g.prefix, w.path());
            g.bytes += w.bytes();
            g.files++;
        }
        TopN<ImageReport.WasteGroup> top = new TopN<>(top(), Comparator.comparingLong(ImageReport.WasteGroup::bytes)
                .thenComparing(ImageReport.WasteGroup::path, Comparator.reverseOrder()));
        groups.forEach((k, g) -> top.offer(new ImageReport.WasteGroup(g.files == 1 ? g.first : g.prefix,
                g.bytes, g.files, k.writtenBy(), k.hiddenBy(), k.reason().name().toLowerCase().replace('_', '-'))));
        return top.result();
    }

    private int top() {
        return top;
    }

    private static String topOf(String path) {
        int first = path.indexOf('/', 1);
        if (first < 0) {
            return "/";
        }
        int second = path.indexOf('/', first + 1);
        return second < 0 ? path.substring(0, first) : path.substring(0, second);
    }

    private static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** The deepest directory containing both {@code dir} and the path. */
    private static String commonDir(String dir, String path) {
        String d = dir;
        while (!d.equals("/") && !(path.startsWith(d) && path.length() > d.length() && path.charAt(d.length()) == '/')) {
            d = parentOf(d);
        }
        return d;
    }

    /** A directory whose bytes all sit in one child directory adds nothing to a list of largest directories. */
    private static boolean passThrough(Node dir) {
        if (dir.childCount() != 1) {
            return false;
        }
        Node only = dir.childrenUnsorted().iterator().next();
        return only.isDirectory() && only.size() == dir.size();
    }

    public ComparisonReport compare(Analysis a, Analysis b) {
        ImageReport ra = image(a);
        ImageReport rb = image(b);
        ComparisonReport.Difference diff = new ComparisonReport.Difference(b.imageSize() - a.imageSize(),
                b.compressedSize() - a.compressedSize(), b.contentSize() - a.contentSize(),
                b.wastedBytes() - a.wastedBytes(), b.layers().size() - a.layers().size(),
                b.tree().files() - a.tree().files());
        ComparisonReport.Ratio ratio = new ComparisonReport.Ratio(ratio(a.imageSize(), b.imageSize()),
                ratio(a.compressedSize(), b.compressedSize()), ratio(a.contentSize(), b.contentSize()));
        List<ComparisonReport.CategoryDelta> cats = new ArrayList<>();
        for (int i = 0; i < a.categories().size(); i++) {
            CategoryTotal ca = a.categories().get(i);
            CategoryTotal cb = b.categories().get(i);
            cats.add(new ComparisonReport.CategoryDelta(ca.category().label(), ca.bytes(), cb.bytes(),
                    cb.bytes() - ca.bytes(), ca.wastedBytes(), cb.wastedBytes()));
        }
        PathSetBuilder dropped = new PathSetBuilder(a.categorizer());
        PathSetBuilder added = new PathSetBuilder(b.categorizer());
        long[] changed = new long[3];
        TopN<ComparisonReport.ChangedRow> changedTop = new TopN<>(top, Comparator
                .comparingLong((ComparisonReport.ChangedRow r) -> Math.abs(r.b() - r.a()))
                .thenComparing(ComparisonReport.ChangedRow::path, Comparator.reverseOrder()));
        TreeDiff.walk(a.tree().root(), b.tree().root(), new TreeDiff.Visitor() {
            @Override
            public void dropped(Node n) {
                dropped.add(n);
            }

            @Override
            public void added(Node n) {
                added.add(n);
            }

            @Override
            public void changed(Node na, Node nb) {
                changed[0]++;
                changed[1] += na.size();
                changed[2] += nb.size();
                changedTop.offer(new ComparisonReport.ChangedRow(na.path(), na.size(), nb.size()));
            }
        });
        return new ComparisonReport(ImageReport.SCHEMA_VERSION, "comparison", ra, rb, diff, ratio, cats,
                packageDeltas(ra.packages(), rb.packages()), dropped.build(), added.build(),
                new ComparisonReport.Changed((int) changed[0], changed[1], changed[2], changedTop.result()),
                adviceStatus(ra.advice(), rb.advice()));
    }

    /** Advice matched by kind (layer-specific items summed per kind). */
    static List<ComparisonReport.AdviceStatus> adviceStatus(List<ImageReport.AdviceRow> a, List<ImageReport.AdviceRow> b) {
        java.util.Map<String, long[]> bytes = new java.util.LinkedHashMap<>();
        java.util.Map<String, ImageReport.AdviceRow> first = new java.util.LinkedHashMap<>();
        for (ImageReport.AdviceRow r : a) {
            String k = kindOf(r.id());
            bytes.computeIfAbsent(k, x -> new long[2])[0] += r.bytes();
            first.putIfAbsent(k, r);
        }
        for (ImageReport.AdviceRow r : b) {
            String k = kindOf(r.id());
            bytes.computeIfAbsent(k, x -> new long[2])[1] += r.bytes();
            first.putIfAbsent(k, r);
        }
        List<ComparisonReport.AdviceStatus> out = new ArrayList<>();
        bytes.forEach((k, v) -> {
            ImageReport.AdviceRow r = first.get(k);
            String status = v[0] > 0 && v[1] == 0 ? "fixed" : v[0] == 0 ? "new" : v[1] < v[0] ? "reduced" : "remaining";
            String title = k.startsWith("deleted-later") ? "files deleted by a later layer"
                    : k.startsWith("rewritten-later") ? "files rewritten by a later layer"
                    : k.startsWith("written-twice") ? "files written twice in one layer" : r.title();
            out.add(new ComparisonReport.AdviceStatus(k, title, r.action(), v[0], v[1], status));
        });
        out.sort(Comparator.comparingLong((ComparisonReport.AdviceStatus s) -> -Math.max(s.bytesA(), s.bytesB())));
        return out;
    }

    private static String kindOf(String id) {
        return id.startsWith("deleted-later:") || id.startsWith("rewritten-later:") || id.startsWith("written-twice:")
                ? id.substring(0, id.indexOf(':')) : id;
    }

    /** Packages matched by ecosystem and name (then version, for names installed more than once). */
    static List<ComparisonReport.PackageDelta> packageDeltas(List<ImageReport.PackageRow> a, List<ImageReport.PackageRow> b) {
        java.util.Map<String, ImageReport.PackageRow> byKeyB = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.List<ImageReport.PackageRow>> byNameB = new java.util.LinkedHashMap<>();
        for (ImageReport.PackageRow r : b) {
            byKeyB.put(r.key(), r);
            byNameB.computeIfAbsent(r.ecosystem() + ":" + r.name(), k -> new ArrayList<>()).add(r);
        }
        java.util.Set<String> matchedB = new java.util.HashSet<>();
        List<ComparisonReport.PackageDelta> out = new ArrayList<>();
        List<ImageReport.PackageRow> unmatchedA = new ArrayList<>();
        for (ImageReport.PackageRow r : a) {
            ImageReport.PackageRow same = byKeyB.get(r.key());
            if (same != null) {
                matchedB.add(same.key());
                if (same.bytes() != r.bytes()) {
                    out.add(new ComparisonReport.PackageDelta(r.ecosystem(), r.name(), r.version(), same.version(),
                            r.bytes(), same.bytes(), "changed"));
                }
            } else {
                unmatchedA.add(r);
            }
        }
        for (ImageReport.PackageRow r : unmatchedA) {
            ImageReport.PackageRow other = byNameB.getOrDefault(r.ecosystem() + ":" + r.name(), List.of()).stream()
                    .filter(x -> !matchedB.contains(x.key())).findFirst().orElse(null);
            if (other != null) {
                matchedB.add(other.key());
                out.add(new ComparisonReport.PackageDelta(r.ecosystem(), r.name(), r.version(), other.version(),
                        r.bytes(), other.bytes(), "changed"));
            } else {
                out.add(new ComparisonReport.PackageDelta(r.ecosystem(), r.name(), r.version(), null, r.bytes(), 0,
                        "removed"));
            }
        }
        for (ImageReport.PackageRow r : b) {
            if (!matchedB.contains(r.key())) {
                out.add(new ComparisonReport.PackageDelta(r.ecosystem(), r.name(), null, r.version(), 0, r.bytes(),
                        "added"));
            }
        }
        out.sort(Comparator.comparingLong((ComparisonReport.PackageDelta d) -> -Math.abs(d.bytesB() - d.bytesA()))
                .thenComparing(ComparisonReport.PackageDelta::name));
        return out;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /** Collects the paths one side alone has. */
    private final class PathSetBuilder {
        private final Categorizer categorizer;
        private final TopN<ImageReport.DirRow> dirs = new TopN<>(top, DIRS);
        private final TopN<ImageReport.FileRow> files = new TopN<>(top, FILES);
        private long bytes;
        private int count;

        PathSetBuilder(Categorizer categorizer) {
            this.categorizer = categorizer;
        }

        void add(Node n) {
            if (n.isDirectory()) {
                dirs.offer(new ImageReport.DirRow(n.path(), n.size(), n.files()));
            }
            TreeDiff.leaves(n, leaf -> {
                bytes += leaf.size();
                count++;
                if (leaf.size() > 0 && files.wouldAccept(new ImageReport.FileRow("", leaf.size(), 0, null))) {
                    files.offer(new ImageReport.FileRow(leaf.path(), leaf.size(), leaf.layer(),
                            categorizer.of(leaf).label()));
                }
            });
        }

        ComparisonReport.PathSet build() {
            return new ComparisonReport.PathSet(bytes, count, dirs.result(), files.result());
        }
    }
}
