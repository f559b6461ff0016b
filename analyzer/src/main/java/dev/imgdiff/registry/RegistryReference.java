package dev.imgdiff.registry;

import java.util.Locale;

/**
 * An image in a registry, normalised as the docker CLI does: no host means Docker Hub, and a one-part
 * Hub name lives under {@code library/}.
 *
 * @param host       the registry as users write it ("docker.io", "127.0.0.1:5000", "ghcr.io")
 * @param repository "library/node", "team/app"
 * @param tag        the tag, or null when a digest is given
 * @param digest     "sha256:…", or null
 */
public record RegistryReference(String host, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";

    /** Parses "[host/]repo[:tag][@digest]" (a "docker://" prefix is allowed). */
    public static RegistryReference parse(String s) {
        String r = s.startsWith("docker://") ? s.substring("docker://".length()) : s;
        if (r.isEmpty()) {
            throw new IllegalArgumentException("empty image name");
        }
        String digest = null;
        int at = r.indexOf('@');
        if (at >= 0) {
            digest = r.substring(at + 1);
            r = r.substring(0, at);
        }
        String host = DOCKER_HUB;
        int slash = r.indexOf('/');
        if (slash > 0) {
            String first = r.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                host = first;
                r = r.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = r.lastIndexOf(':');
        if (colon > r.lastIndexOf('/')) {
            tag = r.substring(colon + 1);
            r = r.substring(0, colon);
        }
        if (r.isEmpty() || !r.equals(r.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("invalid repository name '" + r + "' (lowercase only)");
        }
        if (host.equals(DOCKER_HUB) && !r.contains("/")) {
            r = "library/" + r;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new RegistryReference(host, r, tag, digest);
    }

    /** Where the registry API answers: Docker Hub's API host differs from its name. */
    public String apiHost() {
        return host.equals(DOCKER_HUB) ? "registry-1.docker.io" : host;
    }

    /** The tag or digest to ask the manifest endpoint for. */
    public String reference() {
        return digest != null ? digest : tag;
    }

    /** Registries on this machine are reached without TLS, as Docker does for them. */
    public boolean isLocal() {
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    @Override
    public String toString() {
        String repo = host.equals(DOCKER_HUB) && repository.startsWith("library/")
                ? repository.substring("library/".length()) : repository;
        return (host.equals(DOCKER_HUB) ? "" : host + "/") + repo + (tag != null ? ":" + tag : "")
                + (digest != null ? "@" + digest : "");
    }
}
