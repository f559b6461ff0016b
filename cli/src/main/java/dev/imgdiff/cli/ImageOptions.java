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

    @Option(names = "--base-layers", paramLabel = "N",
            description = "Count the bottom N layers as the base image (default: from the history).")
    Integer baseLayers;

    ReadOptions readOptions() {
        ReadOptions o = ReadOptions.defaults();
        if (platform != null) {
            o = o.withPlatform(Platform.parse(platform));
        }
        return o.withScan(o.scan().withLenientNames(lenient).withVerifyAll(verify));
    }
}
