package dev.imgdiff.attribute;

import dev.imgdiff.tree.FileTree;
import dev.imgdiff.tree.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a path in a category by the rules the README lists, first match wins. The rules read the final
 * filesystem (is there a {@code bin/javac} next to this JDK? a {@code dist/} next to this {@code src/}?)
 * and the npm lockfiles captured during the scan.
 */
public final class Categorizer {
    private static final List<String> TOOLCHAIN_PREFIXES = List.of("/usr/lib/gcc/", "/usr/libexec/gcc/",
            "/usr/lib/gcc-cross/", "/usr/lib/bfd-plugins/", "/usr/include/", "/usr/local/include/", "/usr/local/go/",
            "/usr/lib/go/", "/usr/local/rustup/", "/usr/local/cargo/bin/", "/root/.rustup/", "/root/.cargo/bin/");
    private static final Set<String> TOOLCHAIN_PROGRAMS = Set.of("gcc", "g++", "cc", "c++", "cpp", "ld", "as", "ar",
            "ranlib", "nm", "objdump", "objcopy", "strip", "readelf", "addr2line", "c++filt", "gprof", "elfedit", "size",
            "strings", "make", "cmake", "go", "gofmt", "rustc", "cargo", "rustup", "javac", "node-gyp");
    private static final List<String> CACHE_PREFIXES = List.of("/var/lib/apt/lists/", "/var/cache/apt/",
            "/var/cache/apk/", "/var/cache/yum/", "/var/cache/dnf/", "/usr/local/cargo/registry/", "/usr/local/cargo/git/");
    private static final Set<String> CACHE_DIRS = Set.of(".npm", ".cache", ".pnpm-store");
    private static final Set<String> VCS_DIRS = Set.of(".git", ".svn", ".hg");
    private static final Set<String> BUILD_OUTPUTS = Set.of("dist", "build", "out", "target");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("ts", "tsx", "mts", "cts", "go", "c", "cc", "cpp",
            "cxx", "h", "hpp", "rs", "java", "kt", "scala");
    private static final List<String> DOCS_PREFIXES = List.of("/usr/share/doc/", "/usr/share/man/", "/usr/share/info/",
            "/usr/share/locale/", "/usr/share/gtk-doc/", "/usr/share/help/", "/usr/local/share/doc/",
            "/usr/local/share/man/", "/usr/local/man/");
    private static final Set<String> SYSTEM_TOP = Set.of("bin", "sbin", "usr", "etc", "var");

    private final FileTree tree;
    private final int baseLayers;
    private final NpmProjects npm;
    private final Map<String, Boolean> jdkDirs = new HashMap<>();
    private final Map<String, Boolean> buildOutputParents = new HashMap<>();

    /**
     * @param baseLayers how many bottom layers the base image made
     */
    public Categorizer(FileTree tree, int baseLayers) {
        this.tree = tree;
        this.baseLayers = baseLayers;
        this.npm = new NpmProjects(tree.captured());
    }

    /** The files the scan must read for these rules to work. */
    public static boolean wantsContent(String path) {
        return NpmProjects.wanted(path);
    }

    /** Warnings about files the rules could not read. */
    public List<String> warnings() {
        return npm.warnings();
    }

    public Category of(Node leaf) {
        return of(leaf.path(), leaf.layer());
    }

    /**
     * The category of a path written by a layer.
     *
     * @param path  absolute, normalised
     * @param layer the layer that wrote it
     */
    public Category of(String path, int layer) {
        String[] seg = path.substring(1).split("/");
        Category c = nodeModules(path, seg);
        if (c != null) {
            return c;
        }
        if (isToolchain(path, seg)) {
            return Category.TOOLCHAIN;
        }
        if (isCache(path, seg)) {
            return Category.CACHE;
        }
        if (isSource(seg)) {
            return Category.VCS_SOURCE;
        }
        for (String p : DOCS_PREFIXES) {
            if (path.startsWith(p)) {
                return Category.DOCS;
            }
        }
        if (layer < baseLayers || isSystemPath(seg)) {
            return Category.OS;
        }
        return Category.APP;
    }

    private Category nodeModules(String path, String[] seg) {
        if (path.startsWith("/usr/lib/node_modules/") || path.startsWith("/usr/local/lib/node_modules/")) {
            return null;
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < seg.length - 1; i++) {
            if (seg[i].equals("node_modules")) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        int pkgEnd = packageEnd(seg, last);
        int topEnd = packageEnd(seg, first);
        if (pkgEnd < 0 || topEnd < 0) {
            return Category.NODE_MODULES_PROD;
        }
        String root = join(seg, 0, first);
        String key = join(seg, first, pkgEnd + 1).substring(1);
        String topLevel = join(seg, first + 1, topEnd + 1).substring(1);
        return npm.isDev(root, key, topLevel) ? Category.NODE_MODULES_DEV : Category.NODE_MODULES_PROD;
    }

    /** The index of the last segment of the package directory after node_modules at {@code nm}, or -1. */
    private static int packageEnd(String[] seg, int nm) {
        int p = nm + 1;
        // The package directory must be a directory: at least one more segment follows it.
        if (p >= seg.length - 1) {
            return -1;
        }
        if (seg[p].startsWith("@")) {
            return p + 1 < seg.length - 1 ? p + 1 : -1;
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

    private boolean isToolchain(String path, String[] seg) {
        for (String p : TOOLCHAIN_PREFIXES) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        if (seg.length >= 4 && seg[0].equals("usr") && (seg[1].equals("lib") || seg[1].equals("share"))
                && seg[2].startsWith("go-")) {
            return true;
        }
        if (seg.length >= 5 && seg[0].equals("usr") && seg[1].equals("lib") && seg[2].startsWith("python3")
                && seg[3].startsWith("config-")) {
            return true;
        }
        if (seg.length >= 6 && seg[0].equals("usr") && seg[1].equals("local") && seg[2].equals("lib")
                && seg[3].startsWith("python3") && seg[4].startsWith("config-")) {
            return true;
        }
        if (path.startsWith("/usr/lib/") && (path.endsWith(".a") || path.endsWith(".o"))) {
            return true;
        }
        if (isJdk(seg)) {
            return true;
        }
        if (seg.length == 3 && seg[0].equals("usr") && seg[1].equals("bin")
                || seg.length == 4 && seg[0].equals("usr") && seg[1].equals("local") && seg[2].equals("bin")) {
            String name = seg[seg.length - 1];
            return TOOLCHAIN_PROGRAMS.contains(name) || name.startsWith("gcc-") || name.startsWith("g++-")
                    || name.startsWith("cpp-") || name.startsWith("ld.") || name.startsWith("gcov")
                    || name.startsWith("lto-dump") || name.contains("-linux-gnu-");
        }
        return false;
    }

    private boolean isJdk(String[] seg) {
        String dir = null;
        if (seg.length >= 5 && seg[0].equals("usr") && seg[1].equals("lib") && seg[2].equals("jvm")) {
            dir = "/usr/lib/jvm/" + seg[3];
        } else if (seg.length >= 4 && seg[0].equals("opt") && seg[1].equals("java")) {
            dir = "/opt/java/" + seg[2];
        } else if (seg.length >= 4 && seg[0].equals("usr") && seg[1].equals("local")) {
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

    private static boolean isCache(String path, String[] seg) {
        for (String p : CACHE_PREFIXES) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        for (int i = 0; i < seg.length - 1; i++) {
            String s = seg[i];
            if (CACHE_DIRS.contains(s)) {
                return true;
            }
            if (i < seg.length - 2) {
                String n = seg[i + 1];
                if (s.equals(".m2") && n.equals("repository") || s.equals(".gradle") && n.equals("caches")
                        || s.equals(".yarn") && n.equals("cache")
                        || s.equals(".cargo") && (n.equals("registry") || n.equals("git"))) {
                    return true;
                }
                if (i < seg.length - 3) {
                    String nn = seg[i + 2];
                    if (s.equals(".gradle") && n.equals("wrapper") && nn.equals("dists")
                            || s.equals("go") && n.equals("pkg") && nn.equals("mod")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean isSource(String[] seg) {
        for (int i = 0; i < seg.length - 1; i++) {
            if (VCS_DIRS.contains(seg[i])) {
                return true;
            }
            if (seg[i].equals("src") && hasBuildOutputSibling(join(seg, 0, i))) {
                return true;
            }
        }
        if (isSystemTop(seg[0])) {
            return false;
        }
        String name = seg[seg.length - 1];
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String ext = name.substring(dot + 1);
        if (!SOURCE_EXTENSIONS.contains(ext)) {
            return false;
        }
        return !(name.endsWith(".d.ts") || name.endsWith(".d.mts") || name.endsWith(".d.cts"));
    }

    private boolean hasBuildOutputSibling(String parent) {
        return buildOutputParents.computeIfAbsent(parent, p -> {
            for (String out : BUILD_OUTPUTS) {
                Node n = tree.find((p.isEmpty() ? "" : p) + "/" + out);
                if (n != null && n.isDirectory()) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean isSystemTop(String first) {
        return SYSTEM_TOP.contains(first) || first.startsWith("lib");
    }

    private static boolean isSystemPath(String[] seg) {
        if (seg.length < 2) {
            return false;
        }
        if (seg[0].equals("usr")) {
            return !seg[1].equals("local");
        }
        return isSystemTop(seg[0]);
    }
}
