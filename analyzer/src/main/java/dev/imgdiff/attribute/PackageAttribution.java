package dev.imgdiff.attribute;

import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.layer.GoBuildInfo;
import dev.imgdiff.tree.FileTree;
import dev.imgdiff.tree.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which package owns each visible file, from the package databases in the image: deb first, then apk,
 * pypi, npm, Maven jars and Go executables (the first that claims a path owns it). Database paths are followed through symlinked
 * directories ({@code /bin/bash} in a .list is {@code /usr/bin/bash} on a merged-/usr system). Every
 * visible byte belongs to exactly one package or to {@link Package#UNOWNED}.
 */
public final class PackageAttribution {
    private static final int MAX_HOPS = 32;
    private final FileTree tree;
    private final PackageDatabases dbs = new PackageDatabases();
    private final Map<String, Package> system = new HashMap<>();
    private final Map<Node, Package> owners = new IdentityHashMap<>();
    private List<PackageTotal> totals = List.of();

    /**
     * Bytes and files of one package in the final filesystem.
     *
     * @param category the category holding most of its bytes
     */
    public record PackageTotal(Package pkg, long bytes, int files, Category category) {
    }

    /** Reads the package databases of a final filesystem and finds the owner of every visible file. */
    public PackageAttribution(FileTree tree) {
        this.tree = tree;
        dbs.read(tree.captured());
        for (Map<String, Package> claims : List.of(dbs.deb, dbs.apk, dbs.pypi)) {
            for (Map.Entry<String, Package> e : claims.entrySet()) {
                system.putIfAbsent(canonical(e.getKey()), e.getValue());
            }
        }
        if (!system.isEmpty() || !dbs.npmDirs.isEmpty() || !dbs.maven.isEmpty() || !dbs.go.isEmpty()) {
            tree.forEachLeaf(n -> {
                Package p = owner(n.path());
                if (p != Package.UNOWNED) {
                    owners.put(n, p);
                }
            });
        }
    }

    /** Whether any package database was found. */
    public boolean hasDatabases() {
        return !owners.isEmpty();
    }

    /** Whether the leaf is owned by a toolchain package (a compiler, SDK or -dev package). */
    public boolean ownedByToolchain(Node leaf) {
        Package p = owners.get(leaf);
        return p != null && Toolchains.isToolchain(p);
    }

    /**
     * Adds up bytes and files per package, once the categories are known.
     *
     * @param largest the category with the most visible bytes (all files are unowned when nothing is owned)
     */
    public void summarize(Categorizer categorizer, Category largest) {
        if (owners.isEmpty()) {
            totals = List.of(new PackageTotal(Package.UNOWNED, tree.contentSize(), tree.files(), largest));
            return;
        }
        Map<Package, long[]> acc = new HashMap<>();
        Map<Package, long[]> byCategory = new HashMap<>();
        int categories = Category.values().length;
        tree.forEachLeaf(n -> {
            Package p = of(n);
            long[] a = acc.computeIfAbsent(p, k -> new long[2]);
            a[0] += n.size();
            a[1]++;
            byCategory.computeIfAbsent(p, k -> new long[categories])[categorizer.of(n).ordinal()] += n.size();
        });
        List<PackageTotal> out = new ArrayList<>();
        acc.forEach((p, a) -> {
            long[] c = byCategory.get(p);
            int best = 0;
            for (int i = 1; i < c.length; i++) {
                if (c[i] > c[best]) {
                    best = i;
                }
            }
            out.add(new PackageTotal(p, a[0], (int) a[1], Category.values()[best]));
        });
        out.sort(Comparator.comparingLong(PackageTotal::bytes).reversed().thenComparing(t -> t.pkg().key()));
        totals = List.copyOf(out);
    }

    /** The files the scan must read for package attribution. */
    public static boolean wantsContent(String path) {
        return PackageDatabases.wanted(path);
    }

    /** The package that owns a visible leaf (UNOWNED when none does). */
    public Package of(Node leaf) {
        return owners.getOrDefault(leaf, Package.UNOWNED);
    }

    /** Every package with visible files, and UNOWNED, biggest first. */
    public List<PackageTotal> totals() {
        return totals;
    }

    public List<String> warnings() {
        return dbs.warnings();
    }

    private Package owner(String path) {
        Package p = system.get(path);
        if (p != null) {
            return p;
        }
        if (path.contains("/node_modules/")) {
            // The deepest package directory decides, even when its package.json is unreadable (then: unowned).
            for (String dir = parentOf(path); dir.length() > 1; dir = parentOf(dir)) {
                Package n = dbs.npmDirs.get(dir);
                if (n != null) {
                    return n;
                }
            }
        }
        Package jar = dbs.maven.get(path);
        if (jar != null) {
            return jar;
        }
        GoBuildInfo.Info go = dbs.go.get(path);
        return go == null ? Package.UNOWNED : PackageDatabases.goPackage(go);
    }

    /**
     * A Go executable of the final filesystem and what its build information says.
     *
     * @param owner the package that owns the file (a deb, when a Debian package installed it)
     */
    public record GoBinary(String path, long bytes, GoBuildInfo.Info info, Package owner) {
    }

    /** The Go executables of the final filesystem, biggest first. */
    public List<GoBinary> goBinaries() {
        List<GoBinary> out = new ArrayList<>();
        dbs.go.forEach((path, info) -> {
            Node n = tree.find(path);
            if (n != null && n.kind() == EntryKind.FILE) {
                out.add(new GoBinary(path, n.size(), info, of(n)));
            }
        });
        out.sort(Comparator.comparingLong(GoBinary::bytes).reversed().thenComparing(GoBinary::path));
        return List.copyOf(out);
    }

    /** The path with every directory part resolved through symlinks of the final filesystem. */
    String canonical(String path) {
        if (tree.find(path) != null) {
            return path;
        }
        String[] seg = path.substring(1).split("/");
        StringBuilder resolved = new StringBuilder();
        Node cur = tree.root();
        int hops = 0;
        for (int i = 0; i < seg.length; i++) {
            if (cur == null) {
                return path;
            }
            Node next = cur.child(seg[i]);
            if (next != null && next.kind() == EntryKind.SYMLINK && i < seg.length - 1 && hops++ < MAX_HOPS) {
                String target = next.link();
                String base = target.startsWith("/") ? target : (resolved.length() == 0 ? "" : resolved) + "/" + target;
                String norm = dev.imgdiff.layer.EntryPaths.normalize(base);
                resolved.setLength(0);
                if (!norm.equals("/")) {
                    resolved.append(norm);
                }
                cur = tree.find(norm);
                continue;
            }
            resolved.append('/').append(seg[i]);
            cur = next;
        }
        return resolved.toString();
    }

    private static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }
}
