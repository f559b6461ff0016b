package dev.imgdiff.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imgdiff.ExpectedFigures;
import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.edge.EdgeCases;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client against a registry served on loopback from an OCI layout the fixtures wrote:
 * bearer tokens from a realm that wants basic credentials, blobs redirected to another host (which must
 * never see an Authorization header), and errors that never show a secret.
 */
class RegistryClientTest {
    private static final String USER = "alice";
    private static final String SECRET = "s3cr3t-p4ss";
    private static final String TOKEN = "tok-123";

    @TempDir
    Path dir;
    HttpServer registry;
    HttpServer storage;
    final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();
    volatile boolean tamper;
    Path layout;
    WrittenImage written;
    ImageSpec spec;

    @BeforeEach
    void serve() throws Exception {
        spec = EdgeCases.all().get(0);
        layout = dir.resolve("layout");
        written = ArchiveWriter.write(spec, Shape.OCI_DIR, LayerCompression.GZIP, layout);
        storage = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        storage.createContext("/blob/", ex -> {
            storageAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            String digest = ex.getRequestURI().getPath().substring("/blob/".length());
            byte[] data = Files.readAllBytes(layout.resolve("blobs/" + digest.replace(':', '/')));
            if (tamper && digest.equals(written.layers().get(0).digest())) {
                data = data.clone();
                data[data.length / 2] ^= 1;
            }
            send(ex, 200, data, null);
        });
        storage.start();
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String realm = "http://127.0.0.1:" + registry.getAddress().getPort() + "/token";
        registry.createContext("/token", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            tokenAuthorizations.add(String.valueOf(auth));
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                send(ex, 401, "{}".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            send(ex, 200, ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8), null);
        });
        registry.createContext("/v2/", ex -> {
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm
                        + "\",service=\"test-registry\",scope=\"repository:team/app:pull\"");
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/v2/team/app/manifests/")) {
                String ref = path.substring("/v2/team/app/manifests/".length());
                String digest = ref.equals("1") ? written.manifestDigest() : ref;
                Path blob = layout.resolve("blobs/" + digest.replace(':', '/'));
                if (!Files.exists(blob)) {
                    send(ex, 404, "{}".getBytes(StandardCharsets.UTF_8), null);
                    return;
                }
                send(ex, 200, Files.readAllBytes(blob), "application/vnd.oci.image.manifest.v1+json");
            } else if (path.startsWith("/v2/team/app/blobs/")) {
                String digest = path.substring("/v2/team/app/blobs/".length());
                ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + storage.getAddress().getPort() + "/blob/" + digest);
                send(ex, 307, new byte[0], null);
            } else {
                send(ex, 404, "{}".getBytes(StandardCharsets.UTF_8), null);
            }
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        storage.stop(0);
    }

    private static void send(HttpExchange ex, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private String host() {
        return "127.0.0.1:" + registry.getAddress().getPort();
    }

    private Credentials login() throws IOException {
        Path config = dir.resolve("docker-config");
        Files.createDirectories(config);
        String auth = Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}");
        return Credentials.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString()));
    }

    private Analysis analyze(Credentials c) throws ImageException {
        ReadOptions o = ReadOptions.defaults().withCredentials(c);
        return new Analyzer(o, null).analyze(ImageReference.parse("docker://" + host() + "/team/app:1"),
                InputStream.nullInputStream());
    }

    @Test
    void pullsWithATokenAndNeverSendsAuthorizationToAnotherHost() throws Exception {
        Analysis a = analyze(login());
        ExpectedFigures.assertMatches(a, Expectations.of(spec, written));
        assertThat(storageAuthorizations).isNotEmpty().allMatch("null"::equals);
        assertThat(tokenAuthorizations).last().asString().startsWith("Basic ");
        assertThat(a.info().format()).contains("registry");
    }

    @Test
    void withoutALoginTheErrorSaysHowToLogInAndShowsNoSecret() throws Exception {
        login();
        ImageException e = assertThrows(ImageException.class, () -> analyze(Credentials.none()));
        assertThat(e.describe()).contains("docker login " + host()).doesNotContain(SECRET).doesNotContain("\n");
    }

    @Test
    void aMissingTagNamesTheImage() throws Exception {
        ReadOptions o = ReadOptions.defaults().withCredentials(login());
        ImageException e = assertThrows(ImageException.class, () -> new Analyzer(o, null)
                .analyze(ImageReference.parse("docker://" + host() + "/team/app:2"), InputStream.nullInputStream()));
        assertThat(e.describe()).contains("has no image " + host() + "/team/app:2").doesNotContain(SECRET);
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsRefusedNamingTheLayer() throws Exception {
        tamper = true;
        ImageException e = assertThrows(ImageException.class, () -> analyze(login()));
        assertThat(e.describe()).contains("layer 1/").containsPattern("digest mismatch|corrupt");
    }

    @Test
    void credentialsNeverPrintTheirSecret() throws Exception {
        assertThat(login().forHost(host()).orElseThrow().toString()).doesNotContain(SECRET).contains(USER);
    }

    @Test
    void referencesNormaliseAsDockerDoes() {
        RegistryReference hub = RegistryReference.parse("node");
        assertThat(hub.host()).isEqualTo("docker.io");
        assertThat(hub.repository()).isEqualTo("library/node");
        assertThat(hub.tag()).isEqualTo("latest");
        assertThat(hub.apiHost()).isEqualTo("registry-1.docker.io");
        RegistryReference local = RegistryReference.parse("docker://localhost:5000/team/app:2@sha256:" + "a".repeat(64));
        assertThat(local.host()).isEqualTo("localhost:5000");
        assertThat(local.repository()).isEqualTo("team/app");
        assertThat(local.reference()).startsWith("sha256:");
        assertThat(local.isLocal()).isTrue();
        assertThat(RegistryReference.parse("ghcr.io/org/x").isLocal()).isFalse();
    }
}
