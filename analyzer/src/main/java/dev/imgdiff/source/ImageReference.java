package dev.imgdiff.source;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an image comes from, in the transport syntax skopeo users know:
 * {@code docker-archive:PATH[:REF]}, {@code oci:DIR[:TAG]}, {@code oci-archive:PATH[:TAG]}, or a bare
 * path (a file or folder whose content says what it is). {@code -} reads a {@code docker save} stream
 * from standard input.
 *
 * @param transport how to read it
 * @param location  the path ("-" for standard input)
 * @param selector  the tag, repo:tag or {@code @N} index that picks one image, or null
 * @param original  what the user typed, for messages
 */
public record ImageReference(Transport transport, String location, String selector, String original) {

    /** The ways an image can be reached. */
    public enum Transport {
        /** A file or folder whose format is decided by looking at it. */
        PATH,
        DOCKER_ARCHIVE,
        OCI_DIR,
        OCI_ARCHIVE,
        /** A docker save stream on standard input. */
        STDIN,
        DOCKER_DAEMON,
        REGISTRY
    }

    /** Parses a reference; throws IllegalArgumentException with a one-line reason. */
    public static ImageReference parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        if (s.equals("-") || s.equals("docker-archive:-")) {
            return new ImageReference(Transport.STDIN, "-", null, s);
        }
        if (s.startsWith("docker://")) {
            return new ImageReference(Transport.REGISTRY, s.substring("docker://".length()), null, s);
        }
        String[][] prefixes = {{"docker-archive:", "DOCKER_ARCHIVE"}, {"oci-archive:", "OCI_ARCHIVE"},
                {"oci:", "OCI_DIR"}, {"docker-daemon:", "DOCKER_DAEMON"}};
        for (String[] p : prefixes) {
            if (s.startsWith(p[0])) {
                Transport t = Transport.valueOf(p[1]);
                String rest = s.substring(p[0].length());
                if (t == Transport.DOCKER_DAEMON) {
                    return new ImageReference(t, rest, null, s);
                }
                return splitPath(t, rest, s);
            }
        }
        return new ImageReference(Transport.PATH, s, null, s);
    }

    private static ImageReference splitPath(Transport t, String rest, String original) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("missing path in '" + original + "'");
        }
        // A path may itself contain ':'; prefer the longest prefix that exists.
        String path = rest;
        String selector = null;
        if (!Files.exists(Path.of(rest))) {
            int colon = rest.indexOf(':');
            while (colon > 0) {
                String candidate = rest.substring(0, colon);
                if (Files.exists(Path.of(candidate))) {
                    path = candidate;
                    selector = rest.substring(colon + 1);
                    break;
                }
                colon = rest.indexOf(':', colon + 1);
            }
            if (selector == null && rest.indexOf(':') > 0) {
                path = rest.substring(0, rest.indexOf(':'));
                selector = rest.substring(rest.indexOf(':') + 1);
            }
        }
        if (selector != null && selector.isEmpty()) {
            selector = null;
        }
        return new ImageReference(t, path, selector, original);
    }

    @Override
    public String toString() {
        return original;
    }
}
