package dev.imgdiff.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated content digest such as {@code sha256:<64 hex>}. Content can be checked against the
 * algorithms the OCI image spec registers ({@link #REGISTERED}: sha256 and sha512); a digest of any other
 * algorithm is well-formed but cannot be verified, and whoever must verify refuses it.
 */
public record Digest(String algorithm, String hex) {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");
    private static final Pattern OTHER = Pattern.compile("[a-zA-Z0-9=_-]{32,}");

    /** The algorithms the OCI image spec registers (descriptor.md, "Registered algorithms"). */
    public static final Set<String> REGISTERED = Set.of("sha256", "sha512");

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

    /**
     * Parses a digest that content will be checked against.
     *
     * @param what what the digest names, for the message ("layer 2/5", "the image config")
     * @throws ImageException MALFORMED when it is no digest, UNSUPPORTED when its algorithm is not registered
     */
    public static Digest parseVerifiable(String s, String what) throws ImageException {
        Digest d;
        try {
            d = parse(s);
        } catch (IllegalArgumentException e) {
            throw new ImageException(ImageException.Kind.MALFORMED, "malformed digest for " + what + ": " + e.getMessage(), e);
        }
        if (!d.verifiable()) {
            throw new ImageException(ImageException.Kind.UNSUPPORTED, what + " is named by a " + d.algorithm()
                    + " digest, which cannot be verified (the OCI image spec registers sha256 and sha512)");
        }
        return d;
    }

    /** Whether content can be checked against this digest (its algorithm is registered). */
    public boolean verifiable() {
        return REGISTERED.contains(algorithm);
    }

    /** A fresh hasher of this digest's algorithm; only for {@link #verifiable()} digests. */
    public MessageDigest hasher() {
        if (!verifiable()) {
            throw new IllegalStateException("no hasher for " + algorithm);
        }
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of {@code data} in this digest's algorithm. */
    public Digest of(byte[] data) {
        return new Digest(algorithm, HexFormat.of().formatHex(hasher().digest(data)));
    }

    /** The digest a finished hasher of this digest's algorithm computed. */
    public Digest withHash(byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    /** Whether {@code data} hashes to this digest. */
    public boolean matches(byte[] data) {
        return of(data).equals(this);
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
