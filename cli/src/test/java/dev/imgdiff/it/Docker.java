package dev.imgdiff.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The docker CLI, as the independent source of truth for integration tests. Under {@code CI=true} a
 * missing daemon fails the tests; elsewhere they are skipped with the reason.
 */
final class Docker {
    private Docker() {
    }

    /** Makes sure a daemon answers; skips (or, in CI, fails) otherwise. */
    static void require() {
        String why = null;
        try {
            Result r = run(List.of("docker", "version", "--format", "{{.Server.Version}}"), null);
            if (r.code() != 0) {
                why = "no Docker daemon answers (" + r.err().strip() + ")";
            }
        } catch (IOException e) {
            why = "the docker CLI is not installed (" + e.getMessage() + ")";
        }
        if (why != null) {
            String msg = why + "; run eval \"$(.ci/docker-up)\" to start a private one";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true and " + msg);
            }
            System.err.println("skipping Docker tests: " + msg);
            Assumptions.abort(msg);
        }
    }

    /** The local registry the tests push to (host:port), from IMGDIFF_TEST_REGISTRY. */
    static String registry() {
        String r = System.getenv("IMGDIFF_TEST_REGISTRY");
        if (r == null || r.isBlank()) {
            String msg = "IMGDIFF_TEST_REGISTRY is not set (.ci/docker-up sets it)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true and " + msg);
            }
            Assumptions.abort(msg);
        }
        return r;
    }

    record Result(int code, String out, String err) {
    }

    static Result run(List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Map<String, String> env = pb.environment();
        env.put("DOCKER_BUILDKIT", "0");
        env.put("DOCKER_CLI_HINTS", "false");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] streams = new byte[2][];
        Thread errReader = new Thread(() -> {
            try {
                streams[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = new byte[0];
            }
        });
        errReader.start();
        streams[0] = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    /** Runs a docker command that must succeed; returns its standard output. */
    static String ok(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Result r = run(cmd, dir);
        if (r.code() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + r.code() + "): " + r.err() + r.out());
        }
        return r.out();
    }

    /** Runs a command that must succeed. */
    static String cmd(String... args) throws IOException {
        Result r = run(List.of(args), null);
        if (r.code() != 0) {
            throw new IOException(String.join(" ", args) + " failed (" + r.code() + "): " + r.err() + r.out());
        }
        return r.out();
    }

    /** Streams a docker command's standard output to a consumer. */
    static <T> T stream(StreamReader<T> reader, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = p.getInputStream()) {
            T t = reader.read(in);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return t;
        } finally {
            try {
                p.waitFor(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads a stream. */
    @FunctionalInterface
    interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }
}
