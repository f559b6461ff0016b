package dev.imgdiff.source;

import dev.imgdiff.layer.ScanOptions;
import dev.imgdiff.model.Limits;
import dev.imgdiff.model.Platform;
import dev.imgdiff.registry.Credentials;
import java.time.Duration;
import java.util.Set;

/**
 * How to read an image.
 *
 * @param platform the platform to pick from a multi-platform index, or null for the host's
 * @param scan     how to scan layers
 * @param threads    how many layers to scan at once (at least 1)
 * @param dockerHost the Docker daemon to ask, or null for the docker CLI's choice
 * @param insecureRegistries registries reached over plain HTTP (those on this machine always are)
 * @param credentials registry logins
 * @param limits     how much may be read into memory, how long to wait
 */
public record ReadOptions(Platform platform, ScanOptions scan, int threads, String dockerHost,
                          Set<String> insecureRegistries, Credentials credentials, Limits limits) {
    public ReadOptions {
        threads = Math.max(1, threads);
        insecureRegistries = Set.copyOf(insecureRegistries);
        limits = limits == null ? Limits.defaults() : limits;
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, ScanOptions.defaults(), Runtime.getRuntime().availableProcessors(), null,
                Set.of(), Credentials.fromEnvironment(System.getenv()), Limits.defaults());
    }

    /** How long to wait for a connection. */
    public Duration timeout() {
        return limits.connectTimeout();
    }

    public ReadOptions withScan(ScanOptions s) {
        return new ReadOptions(platform, s, threads, dockerHost, insecureRegistries, credentials, limits);
    }

    public ReadOptions withPlatform(Platform p) {
        return new ReadOptions(p, scan, threads, dockerHost, insecureRegistries, credentials, limits);
    }

    /** The Docker daemon to ask ("unix:///path"), or null for the docker CLI's choice. */
    public ReadOptions withDockerHost(String host) {
        return new ReadOptions(platform, scan, threads, host, insecureRegistries, credentials, limits);
    }

    /** Registries (host[:port]) spoken to over plain HTTP, besides those on this machine. */
    public ReadOptions withInsecureRegistries(Set<String> hosts) {
        return new ReadOptions(platform, scan, threads, dockerHost, hosts, credentials, limits);
    }

    public ReadOptions withCredentials(Credentials c) {
        return new ReadOptions(platform, scan, threads, dockerHost, insecureRegistries, c, limits);
    }

    public ReadOptions withLimits(Limits l) {
        return new ReadOptions(platform, scan, threads, dockerHost, insecureRegistries, credentials, l);
    }
}
