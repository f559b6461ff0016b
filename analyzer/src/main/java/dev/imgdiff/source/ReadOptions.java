package dev.imgdiff.source;

import dev.imgdiff.layer.ScanOptions;
import dev.imgdiff.model.Platform;

/**
 * How to read an image.
 *
 * @param platform the platform to pick from a multi-platform index, or null for the host's
 * @param scan     how to scan layers
 * @param threads    how many layers to scan at once (at least 1)
 * @param dockerHost the Docker daemon to ask, or null for the docker CLI's choice
 */
public record ReadOptions(Platform platform, ScanOptions scan, int threads, String dockerHost) {
    public ReadOptions {
        threads = Math.max(1, threads);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, ScanOptions.defaults(), Runtime.getRuntime().availableProcessors(), null);
    }

    public ReadOptions withScan(ScanOptions s) {
        return new ReadOptions(platform, s, threads, dockerHost);
    }

    public ReadOptions withPlatform(Platform p) {
        return new ReadOptions(p, scan, threads, dockerHost);
    }

    /** The Docker daemon to ask ("unix:///path"), or null for the docker CLI's choice. */
    public ReadOptions withDockerHost(String host) {
        return new ReadOptions(platform, scan, threads, host);
    }
}
