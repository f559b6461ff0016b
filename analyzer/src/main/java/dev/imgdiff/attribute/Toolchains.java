package dev.imgdiff.attribute;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which system packages are toolchains — compilers, linkers, SDKs and development files, needed to
 * build and not to run: everything they install is {@link Category#TOOLCHAIN}, wherever it lies. The
 * list is the README's (category rule 2).
 */
final class Toolchains {
    private static final Set<String> NAMES = Set.of("gcc", "g++", "cpp", "gfortran", "clang", "lld", "llvm",
            "binutils", "libbinutils", "make", "build-essential", "build-base", "dpkg-dev", "libdpkg-perl", "autoconf",
            "automake", "libtool", "pkg-config", "pkgconf", "pkgconf-bin", "cmake", "cmake-data", "ninja-build",
            "rustc", "cargo", "golang", "go", "rust", "node-gyp", "libc-dev-bin", "linux-libc-dev", "musl-dev",
            "libc-dev", "fortify-headers", "patch", "bison", "flex", "m4", "rpcsvc-proto", "default-jdk",
            "default-jdk-headless", "python3-dev");
    private static final Pattern COMPILERS = Pattern.compile("(gcc|g\\+\\+|cpp|gfortran)-.*");
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("binutils-.*"),
            Pattern.compile("(libctf|libgprofng|libsframe|libbfd).*"),
            Pattern.compile("lib(asan|lsan|tsan|ubsan|hwasan|itm|quadmath|cc1)(-?\\d+)?"),
            Pattern.compile("(lib)?(isl|mpc|mpfr)\\d+"),
            Pattern.compile("(llvm|clang|lld)-.*"),
            Pattern.compile("lib(clang|llvm).*"),
            Pattern.compile("golang-.*"),
            Pattern.compile("go\\d+\\.\\d+"),
            Pattern.compile("openjdk-\\d+-jdk(-headless)?"),
            Pattern.compile("openjdk\\d+(-jdk)?"),
            Pattern.compile("libstd-rust.*"),
            Pattern.compile("rust-.*"),
            Pattern.compile("(lib)?python3\\.\\d+-dev"),
            Pattern.compile(".*-dev(-bin)?"));

    private Toolchains() {
    }

    /** Whether a deb or apk package is a toolchain. */
    static boolean isToolchain(Package p) {
        if (!p.ecosystem().equals("deb") && !p.ecosystem().equals("apk")) {
            return false;
        }
        String name = p.name();
        if (NAMES.contains(name)) {
            return true;
        }
        if (COMPILERS.matcher(name).matches()) {
            return !name.endsWith("-base");
        }
        for (Pattern pattern : PATTERNS) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
