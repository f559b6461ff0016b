package dev.imgdiff.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Registry credentials from the Docker config ({@code $DOCKER_CONFIG/config.json} or
 * {@code ~/.docker/config.json}): {@code auths} entries, and credential helpers ({@code credHelpers},
 * {@code credsStore}). A password never leaves this class except in an Authorization header; its
 * {@code toString} shows the user name only.
 */
public final class Credentials {
    private static final String HUB_KEY = "https://index.docker.io/v1/";
    private final JsonNode config;

    /** A user name and a secret. */
    public record Login(String user, String secret) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Login[" + user + ", secret hidden]";
        }
    }

    private Credentials(JsonNode config) {
        this.config = config;
    }

    public static Credentials none() {
        return new Credentials(null);
    }

    /** Reads the Docker config the docker CLI would; a missing or unreadable file means no credentials. */
    public static Credentials fromEnvironment(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path file = dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        try {
            if (Files.isRegularFile(file)) {
                return new Credentials(new ObjectMapper().readTree(file.toFile()));
            }
        } catch (IOException e) {
            return none();
        }
        return none();
    }

    /** The login for a registry host, if the config has one. */
    public Optional<Login> forHost(String host) {
        if (config == null) {
            return Optional.empty();
        }
        String key = host.equals(RegistryReference.DOCKER_HUB) ? HUB_KEY : host;
        String helper = config.path("credHelpers").path(key).asText(null);
        if (helper == null) {
            helper = config.path("credsStore").asText(null);
        }
        JsonNode auths = config.path("auths");
        for (String k : new String[]{key, "https://" + key, "http://" + key}) {
            JsonNode a = auths.get(k);
            if (a != null) {
                String auth = a.path("auth").asText("");
                if (!auth.isEmpty()) {
                    try {
                        String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                        int colon = decoded.indexOf(':');
                        if (colon > 0) {
                            return Optional.of(new Login(decoded.substring(0, colon), decoded.substring(colon + 1)));
                        }
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return helper == null || helper.isBlank() ? Optional.empty() : fromHelper(helper, key);
    }

    /** Asks {@code docker-credential-HELPER get}, as the docker CLI does. */
    private static Optional<Login> fromHelper(String helper, String key) {
        if (!helper.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("docker-credential-" + helper, "get")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().write(key.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(1 << 16);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            JsonNode j = new ObjectMapper().readTree(out);
            String user = j.path("Username").asText("");
            String secret = j.path("Secret").asText("");
            return secret.isEmpty() ? Optional.empty() : Optional.of(new Login(user, secret));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
