package dev.imgdiff.model;

import java.util.Locale;

/** An OS/architecture/variant triple, as OCI image indexes describe platforms. */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        os = os == null || os.isEmpty() ? "linux" : os.toLowerCase(Locale.ROOT);
        architecture = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        variant = variant == null || variant.isEmpty() ? null : variant.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code os/arch[/variant]} (or just {@code arch}, meaning linux). */
    public static Platform parse(String s) {
        String[] p = s.trim().split("/");
        if (p.length == 1 && !p[0].isEmpty()) {
            return new Platform("linux", normalizeArch(p[0]), null);
        }
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
            throw new IllegalArgumentException("platform must look like os/arch[/variant], e.g. linux/amd64");
        }
        return new Platform(p[0], normalizeArch(p[1]), p.length == 3 ? p[2] : null);
    }

    /** The platform of this machine, in OCI terms. */
    public static Platform host() {
        return new Platform("linux", normalizeArch(System.getProperty("os.arch", "amd64")), null);
    }

    static String normalizeArch(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "i686", "x86", "386" -> "386";
            default -> arch.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Whether an image of platform {@code other} serves a request for this platform. A request without
     * variant accepts any variant; arm64 without variant also matches v8.
     */
    public boolean accepts(Platform other) {
        if (!os.equals(other.os) || !architecture.equals(other.architecture)) {
            return false;
        }
        if (variant == null) {
            return true;
        }
        if (variant.equals(other.variant)) {
            return true;
        }
        return "arm64".equals(architecture) && "v8".equals(variant) && other.variant == null;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
