package dev.imgdiff.attribute;

import dev.imgdiff.tree.FileTree;
import dev.imgdiff.tree.Node;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a path in a category by the rules the README lists, first match wins. The rules read the final
 * filesystem (is there a {@code bin/javac} next to this JDK? a {@code dist/} next to this {@code src/}?)
 * and the npm lockfiles captured during the scan. Paths are handled as arrays of segments, so a walk of
 * the tree never builds path strings.
 */
public final class Categorizer {
    private static final String[][] TOOLCHAIN_PREFIXES = segments("/usr/lib/gcc/", "/usr/libexec/gcc/",
            "/usr/lib/gcc-cross/", "/usr/lib/bfd-plugins/", "/usr/include/", "/usr/local/include/", "/usr/local/go/",
            "/usr/lib/go/", "/usr/local/rustup/", "/usr/local/cargo/bin/", "/root/.rustup/", "/root/.cargo/bin/");
    private static final Set<String> TOOLCHAIN_PROGRAMS = Set.of("gcc", "g++", "cc", "c++", "cpp", "ld", "as", "ar",
            "ranlib", "nm", "objdump", "objcopy", "strip", "readelf", "addr2line", "c++filt", "gprof", "elfedit", "size",
            "strings", "make", "cmake", "go", "gofmt", "rustc", "cargo", "rustup", "javac", "node-gyp");
    private static final String[][] CACHE_PREFIXES = segments("/var/lib/apt/lists/", "/var/cache/apt/",
            "/var/cache/apk/", "/var/cache/yum/", "/var/cache/dnf/", "/usr/local/cargo/registry/", "/usr/local/cargo/git/");
    private static final Set<String> CACHE_DIRS = Set.of(".npm", ".cache", ".pnpm-store");
    private static final Set<String> VCS_DIRS = Set.of(".git", ".svn", ".hg");
    private static final List<String> BUILD_OUTPUTS = List.of("dist", "build", "out", "target");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("ts", "tsx", "mts", "cts", "go", "c", "cc", "cpp",
            "cxx", "h", "hpp", "rs", "java", "kt", "scala");
    private static final String[][] DOCS_PREFIXES = segments("/usr/share/doc/", "/usr/share/man/", "/usr/share/info/",
            "/usr/share/locale/", "/usr/share/gtk-doc/", "/usr/share/help/", "/usr/local/share/doc/",
            "/usr/local/share/man/", "/usr/local/man/");
    private static final String[][] GLOBAL_NODE_MODULES = segments("/usr/lib/node_modules/", "/usr/local/lib/node_modules/");
    private static final Set<String> SYSTEM_TOP = Set.of("bin", "sbin", "usr", "etc", "var");
    private static final Category[] CATEGORIES = Category.values();

    private final FileTree tree;
    private final int baseLayers;
    private final NpmProjects npm;
    private final Map<String, Boolean> jdkDirs = new HashMap<>();
    private final Map<String, Boolean> buildOutputParents = new HashMap<>();
    private final java.util.function.Predicate<Node> toolchainPackage;

    /** @param baseLayers how many bottom layers the base image made */
    public Categorizer(FileTree tree, int baseLayers) {
        this(tree, baseLayers, n -> false);
    }

    /** @param toolchainPackage whether a package database says a visible file belongs to a toolchain package */
    public Categorizer(FileTree tree, int baseLayers, java.util.function.Predicate<Node> toolchainPackage) {
        this.tree = tree;
        this.baseLayers = baseLayers;
        this.npm = new NpmProjects(tree.captured());
        this.toolchainPackage = toolchainPackage;
    }

    /** The files the scan must read for these rules to work. */
    public static boolean wantsContent(String path) {
        return NpmProjects.wanted(path);
    }

    /** Warnings about files the rules could not read. */
    public List<String> warnings() {
        return npm.warnings();
    }

    /**
     * Gives every visible leaf of the tree its category (see {@link Node#category()}). Below the second
     * level, a leaf's name matters to the rules only through {@link #nameClass}, and its layer only when
     * the rules fall through to "app": so the leaves of one directory share up to eight results.
     */
    public void categorizeTree() {
        String[] seg = new String[64];
        Node[] nodes = new Node[1024];
        int[] depths = new int[1024];
        Category[] memo = new Category[8];
        int top = 0;
        nodes[top] = tree.root();
        depths[top++] = 0;
        while (top > 0) {
            Node dir = nodes[--top];
            int depth = depths[top];
            nodes[top] = null;
            if (depth + 1 >= seg.length) {
                seg = Arrays.copyOf(seg, seg.length * 2);
            }
            if (depth > 0) {
                seg[depth - 1] = dir.name();
            }
            Arrays.fill(memo, null);
            int relevant = depth >= 2 ? relevantNameBits(seg, depth) : 0;
            for (Node n : dir.childrenUnsorted()) {
                if (n.isDirectory()) {
                    if (top == nodes.length) {
                        nodes = Arrays.copyOf(nodes, top * 2);
                        depths = Arrays.copyOf(depths, top * 2);
                    }
                    nodes[top] = n;
                    depths[top++] = depth + 1;
                    continue;
                }
                String name = n.name();
                seg[depth] = name;
                int len = depth + 1;
                Category c;
                if (len >= 3) {
                    int cls = nameClass(name, relevant);
                    Category shared = memo[cls];
                    if (shared == null) {
                        shared = of(seg, len, Integer.MAX_VALUE);
                        memo[cls] = shared;
                    }
                    c = shared == Category.APP && n.layer() < baseLayers ? Category.OS : shared;
                } else {
                    c = of(seg, len, n.layer());
                }
                if (c != Category.NODE_MODULES_DEV && c != Category.NODE_MODULES_PROD && c != Category.TOOLCHAIN
                        && toolchainPackage.test(n)) {
                    c = Category.TOOLCHAIN;
                }
                n.setCategory(c.ordinal());
            }
        }
    }

    /** The three things the rules ask of a file's own name, as bits; only those {@code relevant} are computed. */
    private static int nameClass(String name, int relevant) {
        return ((relevant & 1) != 0 && isArchiveName(name) ? 1 : 0)
                | ((relevant & 2) != 0 && isToolchainProgramName(name) ? 2 : 0)
                | ((relevant & 4) != 0 && isSourceName(name) ? 4 : 0);
    }

    /**
     * Which of {@link #nameClass}'s bits the rules can ask about for a file in the directory
     * {@code seg[0..depth)} (depth 2 or more): archives under /usr/lib, programs in /usr/bin and
     * /usr/local/bin, sources outside the system directories.
     */
    private static int relevantNameBits(String[] seg, int depth) {
        int bits = 0;
        if (seg[0].equals("usr") && seg[1].equals("lib")) {
            bits |= 1;
        }
        if (depth == 2 && seg[0].equals("usr") && seg[1].equals("bin")
                || depth == 3 && seg[0].equals("usr") && seg[1].equals("local") && seg[2].equals("bin")) {
            bits |= 2;
        }
        if (!isSystemTop(seg[0])) {
            bits |= 4;
        }
        return bits;
    }

    /** A static library or object file. */
    private static boolean isArchiveName(String name) {
        return name.endsWith(".a") || name.endsWith(".o");
    }

    /** A compiler, linker or build tool, by its name in a bin directory. */
    private static boolean isToolchainProgramName(String name) {
        return TOOLCHAIN_PROGRAMS.contains(name) || name.startsWith("gcc-") || name.startsWith("g++-")
                || name.startsWith("cpp-") || name.startsWith("ld.") || name.startsWith("gcov")
                || name.startsWith("lto-dump") || name.contains("-linux-gnu-");
    }

    /** A source file of a compiled language (not a TypeScript declaration file). */
    private static boolean isSourceName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !SOURCE_EXTENSIONS.contains(name.substring(dot + 1))) {
            return false;
        }
        return !(name.endsWith(".d.ts") || name.endsWith(".d.mts") || name.endsWith(".d.cts"));
    }

    /** The category of a leaf: the one {@link #categorizeTree()} gave it, or computed now. */
    public Category of(Node leaf) {
        int c = leaf.category();
        return c >= 0 ? CATEGORIES[c] : of(leaf.path(), leaf.layer());
    }

    /**
     * The category of a path written by a layer.
     *
     * @param path  absolute, normalised
     * @param layer the layer that wrote it
     */
    public Category of(String path, int layer) {
        String[] seg = path.substring(1).split("/");
        return of(seg, seg.length, layer);
    }

    private Category of(String[] seg, int n, int layer) {
        if (n == 0) {
            return Category.OS;
        }
        Category c = nodeModules(seg, n);
        if (c != null) {
            return c;
        }
        if (isToolchain(seg, n)) {
            return Category.TOOLCHAIN;
        }
        if (isCache(seg, n)) {
            return Category.CACHE;
        }
        if (isSource(seg, n)) {
            return Category.VCS_SOURCE;
        }
        if (startsWithAny(seg, n, DOCS_PREFIXES)) {
            return Category.DOCS;
        }
        if (layer < baseLayers || isSystemPath(seg, n)) {
            return Category.OS;
        }
        return Category.APP;
    }

    private static String[][] segments(String... prefixes) {
        String[][] out = new String[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++) {
            out[i] = prefixes[i].substring(1).split("/");
        }
        return out;
    }

    /** Whether the path lies strictly below one of the prefixes (a directory of it). */
    private static boolean startsWithAny(String[] seg, int n, String[][] prefixes) {
        for (String[] p : prefixes) {
            if (n > p.length && seg[0].equals(p[0])) {
                boolean match = true;
                for (int i = 1; i < p.length; i++) {
                    if (!seg[i].equals(p[i])) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    private Category nodeModules(String[] seg, int n) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < n - 1; i++) {
            if (seg[i].equals("node_modules")) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0 || startsWithAny(seg, n, GLOBAL_NODE_MODULES)) {
            return null;
        }
        int pkgEnd = packageEnd(seg, n, last);
        int topEnd = packageEnd(seg, n, first);
        if (pkgEnd < 0 || topEnd < 0) {
            return Category.NODE_MODULES_PROD;
        }
        String root = join(seg, 0, first);
        String key = join(seg, first, pkgEnd + 1).substring(1);
        String topLevel = join(seg, first + 1, topEnd + 1).substring(1);
        return npm.isDev(root, key, topLevel) ? Category.NODE_MODULES_DEV : Category.NODE_MODULES_PROD;
    }

    /** The index of the last segment of the package directory after node_modules at {@code nm}, or -1. */
    private static int packageEnd(String[] seg, int n, int nm) {
        int p = nm + 1;
        // The package directory must be a directory: at least one more segment follows it.
        if (p >= n - 1) {
            return -1;
        }
        if (seg[p].startsWith("@")) {
            return p + 1 < n - 1 ? p + 1 : -1;
        }
        return p;
    }

    private static String join(String[] seg, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append('/').append(seg[i]);
        }
        return sb.toString();
    }

    private boolean isToolchain(String[] seg, int n) {
        if (startsWithAny(seg, n, TOOLCHAIN_PREFIXES)) {
            return true;
        }
        if (!seg[0].equals("usr") && !seg[0].equals("opt")) {
            return false;
        }
        if (n >= 4 && seg[0].equals("usr") && (seg[1].equals("lib") || seg[1].equals("share"))
                && seg[2].startsWith("go-")) {
            return true;
        }
        if (n >= 5 && seg[0].equals("usr") && seg[1].equals("lib") && seg[2].startsWith("python3")
                && seg[3].startsWith("config-")) {
            return true;
        }
        if (n >= 6 && seg[0].equals("usr") && seg[1].equals("local") && seg[2].equals("lib")
                && seg[3].startsWith("python3") && seg[4].startsWith("config-")) {
            return true;
        }
        String name = seg[n - 1];
        if (n >= 3 && seg[0].equals("usr") && seg[1].equals("lib") && isArchiveName(name)) {
            return true;
        }
        if (isJdk(seg, n)) {
            return true;
        }
        if (n == 3 && seg[0].equals("usr") && seg[1].equals("bin")
                || n == 4 && seg[0].equals("usr") && seg[1].equals("local") && seg[2].equals("bin")) {
            return isToolchainProgramName(name);
        }
        return false;
    }

    private boolean isJdk(String[] seg, int n) {
        String dir = null;
        if (n >= 5 && seg[0].equals("usr") && seg[1].equals("lib") && seg[2].equals("jvm")) {
            dir = "/usr/lib/jvm/" + seg[3];
        } else if (n >= 4 && seg[0].equals("opt") && seg[1].equals("java")) {
            dir = "/opt/java/" + seg[2];
        } else if (n >= 4 && seg[0].equals("usr") && seg[1].equals("local")) {
            dir = "/usr/local/" + seg[2];
        }
        if (dir == null) {
            return false;
        }
        return jdkDirs.computeIfAbsent(dir, d -> {
            Node javac = tree.find(d + "/bin/javac");
            return javac != null && !javac.isDirectory();
        });
    }

    private static boolean isCache(String[] seg, int n) {
        if (startsWithAny(seg, n, CACHE_PREFIXES)) {
            return true;
        }
        for (int i = 0; i < n - 1; i++) {
            String s = seg[i];
            if (CACHE_DIRS.contains(s)) {
                return true;
            }
            if (i < n - 2) {
                String next = seg[i + 1];
                if (s.equals(".m2") && next.equals("repository") || s.equals(".gradle") && next.equals("caches")
                        || s.equals(".yarn") && next.equals("cache")
                        || s.equals(".cargo") && (next.equals("registry") || next.equals("git"))) {
                    return true;
                }
                if (i < n - 3) {
                    String nn = seg[i + 2];
                    if (s.equals(".gradle") && next.equals("wrapper") && nn.equals("dists")
                            || s.equals("go") && next.equals("pkg") && nn.equals("mod")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean isSource(String[] seg, int n) {
        for (int i = 0; i < n - 1; i++) {
            if (VCS_DIRS.contains(seg[i])) {
                return true;
            }
            if (seg[i].equals("src") && hasBuildOutputSibling(seg, i)) {
                return true;
            }
        }
        if (isSystemTop(seg[0])) {
            return false;
        }
        return isSourceName(seg[n - 1]);
    }

    private boolean hasBuildOutputSibling(String[] seg, int srcIndex) {
        String parent = join(seg, 0, srcIndex);
        return buildOutputParents.computeIfAbsent(parent, p -> {
            for (String out : BUILD_OUTPUTS) {
                Node node = tree.find(p + "/" + out);
                if (node != null && node.isDirectory()) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean isSystemTop(String first) {
        return SYSTEM_TOP.contains(first) || first.startsWith("lib");
    }

    private static boolean isSystemPath(String[] seg, int n) {
        if (n < 2) {
            return false;
        }
        if (seg[0].equals("usr")) {
            return !seg[1].equals("local");
        }
        return isSystemTop(seg[0]);
    }
}
