package dev.imgdiff.model;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A validated content digest such as {@code sha256:<64 hex>}. */
public record Digest(String algorithm, String hex) {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");
    private static final Pattern OTHER = Pattern.compile("[a-zA-Z0-9=_-]{32,}");

    public Digest {
        if (algorithm == null || !ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("invalid digest algorithm");
        }
        Pattern p = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> OTHER;
        };
        if (hex == null || !p.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid " + algorithm + " digest");
        }
    }

    /** Parses {@code algorithm:hex}; throws IllegalArgumentException with a short reason. */
    public static Digest parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing digest");
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid digest (no algorithm)");
        }
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] hash) {
        return new Digest("sha256", HexFormat.of().formatHex(hash));
    }

    /** The first 12 hex digits, as Docker shows image ids. */
    public String shortHex() {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
