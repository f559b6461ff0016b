package dev.imgdiff.cli;

import dev.imgdiff.model.Platform;
import dev.imgdiff.source.ReadOptions;
import picocli.CommandLine.Option;

/** Options about reading images, shared by the commands that read them. */
public final class ImageOptions {
    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Pick this platform from a multi-platform image (default: this machine's).")
    String platform;

    @Option(names = "--lenient", description = "Accept absolute names, control characters and invalid UTF-8 in file "
            + "names (shown escaped) instead of refusing the image.")
    boolean lenient;

    @Option(names = "--verify", description = "Also read every byte of uncompressed layers to check their digests "
            + "(compressed layers are always checked).")
    boolean verify;

    @Option(names = "--duplicates", description = "Find files with the same bytes at different paths (reads every "
            + "file's content, so it is slower).")
    boolean duplicates;

    @Option(names = "--dive", description = "Also report waste and efficiency as dive computes them (see the README).")
    boolean dive;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "The Docker daemon to ask (default: DOCKER_HOST, the docker context, the default socket).")
    String dockerHost;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Reach this registry over plain HTTP (repeatable). Registries on this machine always are.")
    java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

    @Option(names = "--tls-verify", paramLabel = "BOOL", defaultValue = "true", arity = "1",
            description = "false: reach the registries the images name over plain HTTP (default: ${DEFAULT-VALUE}).")
    boolean tlsVerify = true;

    @Option(names = "--limit", paramLabel = "NAME=VALUE",
            description = "Change a bound on what imgdiff reads or how long it waits (repeatable; also IMGDIFF_LIMITS): "
                    + "layers, document-size, documents-size, captured-file-size, captured-size, tar-header-size, "
                    + "connect-timeout, idle-timeout, document-timeout, helper-timeout. See the README.")
    java.util.List<String> limits = new java.util.ArrayList<>();

    @Option(names = "--base-layers", paramLabel = "N",
            description = "Count the bottom N layers as the base image (default: from the history).")
    Integer baseLayers;

    /**
     * @param images the images about to be read: with --tls-verify=false their registries go plain HTTP
     * @throws IllegalArgumentException for a bad --limit or IMGDIFF_LIMITS (a usage error)
     */
    ReadOptions readOptions(java.util.List<String> images) {
        ReadOptions o = ReadOptions.defaults();
        dev.imgdiff.model.Limits l;
        try {
            l = o.limits().withAll(System.getenv("IMGDIFF_LIMITS"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IMGDIFF_LIMITS: " + e.getMessage(), e);
        }
        for (String s : limits) {
            l = l.with(s);
        }
        o = o.withLimits(l);
        if (platform != null) {
            o = o.withPlatform(Platform.parse(platform));
        }
        java.util.Set<String> insecure = new java.util.HashSet<>(insecureRegistries);
        if (!tlsVerify) {
            for (String image : images) {
                try {
                    insecure.add(dev.imgdiff.registry.RegistryReference.parse(image).host());
                } catch (IllegalArgumentException e) {
                    // not a registry name: nothing to relax
                }
            }
        }
        return o.withScan(o.scan().withLenientNames(lenient).withVerifyAll(verify).withHashContent(duplicates))
                .withInsecureRegistries(insecure)
                .withDockerHost(dockerHost);
    }
}
