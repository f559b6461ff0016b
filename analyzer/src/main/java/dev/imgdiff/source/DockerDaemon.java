package dev.imgdiff.source;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Docker daemon, found the way the docker CLI finds it: {@code DOCKER_HOST}, else the current
 * Docker context, else the default socket. Connecting costs about a second in a fresh JVM, so it
 * happens only when a daemon image is actually asked for.
 */
public final class DockerDaemon implements AutoCloseable {
    private final DockerClient client;
    private final String endpoint;

    private DockerDaemon(DockerClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /**
     * Connects to the daemon.
     *
     * @param host an explicit endpoint ("unix:///path", "tcp://host:2375"), or null for the docker CLI's
     */
    public static DockerDaemon connect(String host) throws ImageException {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (host != null) {
            b.withDockerHost(host);
        }
        DefaultDockerClientConfig config;
        try {
            config = b.build();
        } catch (RuntimeException e) {
            throw new ImageException(Kind.BAD_REFERENCE, "cannot configure the Docker client: " + message(e), e);
        }
        String endpoint = config.getDockerHost().toString();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(8)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        DockerDaemon d = new DockerDaemon(DockerClientImpl.getInstance(config, http), endpoint);
        d.ping();
        return d;
    }

    /** Where the daemon was looked for. */
    public String endpoint() {
        return endpoint;
    }

    private void ping() throws ImageException {
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    private ImageException unreachable(RuntimeException e) {
        String m = message(e).toLowerCase(Locale.ROOT);
        if (m.contains("permission denied")) {
            return new ImageException(Kind.AUTH, "permission denied on the Docker daemon socket " + endpoint
                    + " (add your user to the docker group, or set DOCKER_HOST)", e);
        }
        if (m.contains("no such file") || m.contains("connection refused") || m.contains("connect")) {
            return new ImageException(Kind.UNREACHABLE, "cannot reach the Docker daemon at " + endpoint
                    + " (is it running? DOCKER_HOST and the docker context choose the endpoint)", e);
        }
        if (m.contains("client version") && m.contains("too new")) {
            return new ImageException(Kind.UNSUPPORTED, "the Docker daemon at " + endpoint + " is too old: " + message(e), e);
        }
        return new ImageException(Kind.PROTOCOL, "the Docker daemon at " + endpoint + " failed: " + message(e), e);
    }

    /** Whether the daemon has an image of that name or id. */
    public boolean has(String name) throws ImageException {
        try {
            client.inspectImageCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /**
     * A {@code docker save} stream of one image, read as it arrives (nothing is buffered or written to
     * disk).
     */
    public InputStream save(String name) throws ImageException {
        if (!has(name)) {
            throw notFound(name);
        }
        try {
            return client.saveImageCmd(name).exec();
        } catch (NotFoundException e) {
            throw notFound(name);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    private ImageException notFound(String name) throws ImageException {
        List<String> close = closeNames(name);
        return new ImageException(Kind.NOT_FOUND, "the Docker daemon at " + endpoint + " has no image " + name
                + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
    }

    /** Tags the daemon has that look like {@code name}, closest first (at most five). */
    List<String> closeNames(String name) throws ImageException {
        List<String> tags = new ArrayList<>();
        try {
            for (Image i : client.listImagesCmd().exec()) {
                if (i.getRepoTags() != null) {
                    for (String t : i.getRepoTags()) {
                        if (!t.equals("<none>:<none>")) {
                            tags.add(t);
                        }
                    }
                }
            }
        } catch (DockerException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        String want = name.toLowerCase(Locale.ROOT);
        String repo = want.contains(":") ? want.substring(0, want.lastIndexOf(':')) : want;
        return tags.stream()
                .filter(t -> dev.imgdiff.model.EditDistance.between(t.toLowerCase(Locale.ROOT), want) <= Math.max(3, want.length() / 3)
                        || t.toLowerCase(Locale.ROOT).startsWith(repo + ":"))
                .sorted(Comparator.comparingInt(t -> dev.imgdiff.model.EditDistance.between(t.toLowerCase(Locale.ROOT), want)))
                .limit(5).toList();
    }

    /** The size Docker reports for an image ({@code docker image inspect} .Size). */
    public long imageSize(String name) throws ImageException {
        try {
            Long size = client.inspectImageCmd(name).exec().getSize();
            return size == null ? -1 : size;
        } catch (NotFoundException e) {
            throw notFound(name);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The docker-java client, for commands beyond reading images (building). */
    public DockerClient client() {
        return client;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        String m = e.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m.strip().replaceAll("\\s+", " ");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
