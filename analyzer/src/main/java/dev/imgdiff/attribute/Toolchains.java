package dev.imgdiff.attribute;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which system packages are toolchains — compilers, linkers, SDKs and development headers, needed to
 * build and not to run: everything they install is {@link Category#TOOLCHAIN}, wherever it lies.
 */
final class Toolchains {
    private static final Set<String> NAMES = Set.of("gcc", "g++", "cpp", "binutils", "libbinutils", "make",
            "build-essential", "build-base", "dpkg-dev", "autoconf", "automake", "libtool", "pkg-config", "pkgconf",
            "cmake", "cmake-data", "ninja-build", "rustc", "cargo", "golang", "go", "rust", "node-gyp", "libc-dev-bin",
            "linux-libc-dev", "musl-dev", "libc-dev", "fortify-headers", "patch", "bison", "flex", "m4");
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("(gcc|g\\+\\+|cpp|gfortran)-\\d+(-.*)?"),
            Pattern.compile("(lib)?gcc-\\d+-dev"),
            Pattern.compile("binutils-.*"),
            Pattern.compile("libctf.*"), Pattern.compile("libgprofng.*"), Pattern.compile("libsframe.*"),
            Pattern.compile("lib(asan|lsan|tsan|ubsan|hwasan|itm|quadmath|cc1)\\d*"),
            Pattern.compile("golang(-.*)?"), Pattern.compile("go\\d+(\\.\\d+)?"),
            Pattern.compile("openjdk-\\d+-jdk(-headless)?"), Pattern.compile("default-jdk(-headless)?"),
            Pattern.compile("openjdk\\d*(-jdk)?"), Pattern.compile("libstd-rust.*"), Pattern.compile("rust-.*"),
            Pattern.compile("python3(\\.\\d+)?-dev"), Pattern.compile("libpython3(\\.\\d+)?-dev"),
            Pattern.compile(".*-dev"));

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
        for (Pattern pattern : PATTERNS) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
