package dev.imgdiff.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.cli.Cli;
import dev.imgdiff.cli.Console;
import dev.imgdiff.fixtures.docker.BaseRootfs;
import dev.imgdiff.fixtures.docker.BuildContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images built by a real Docker daemon from the Node, Go and Python contexts: imgdiff's figures must
 * equal Docker's own (image size, each layer's size, the bytes of an exported container), and the same
 * image must give the same report from the daemon, from a {@code docker save} file and from an OCI layout
 * written by skopeo.
 */
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerImagesTest {
    static final String BASE = "imgdiff-it/base:1";
    @TempDir
    static Path dir;

    @BeforeAll
    void buildImages() throws Exception {
        Docker.require();
        Path rootfs = dir.resolve("rootfs.tar");
        BaseRootfs.write(rootfs, BaseRootfs.DEFAULT_BUSYBOX);
        Docker.ok(null, "import", "--change", "CMD [\"sh\"]", rootfs.toString(), BASE);
        for (String stack : BuildContexts.STACKS) {
            Path ctx = dir.resolve("ctx-" + stack);
            BuildContexts.write(stack, ctx, BASE);
            Docker.ok(ctx, "build", "-q", "-f", "Dockerfile.naive", "-t", tag(stack, "naive"), ".");
            Docker.ok(ctx, "build", "-q", "-f", "Dockerfile", "-t", tag(stack, "slim"), ".");
        }
        // The same images in the local registry only: tag, push, and drop the registry tag from the daemon.
        String registry = Docker.registry();
        for (Arguments a : images()) {
            String tag = (String) a.get()[0];
            Docker.ok(null, "tag", tag, registry + "/" + tag);
            Docker.ok(null, "push", "-q", registry + "/" + tag);
            Docker.ok(null, "rmi", registry + "/" + tag);
        }
    }

    static String tag(String stack, String variant) {
        return "imgdiff-it/" + stack + "-" + variant + ":1";
    }

    static List<Arguments> images() {
        List<Arguments> out = new ArrayList<>();
        for (String stack : BuildContexts.STACKS) {
            out.add(Arguments.of(tag(stack, "naive")));
            out.add(Arguments.of(tag(stack, "slim")));
        }
        return out;
    }

    static JsonNode imgdiff(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console c = new Console(new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream(),
                System.getenv(), false, 120);
        int code = Cli.execute(c, args);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        dev.imgdiff.cli.ReportSchema.check(out.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    @ParameterizedTest
    @MethodSource("images")
    void sizesAreDockersOwn(String tag) throws Exception {
        JsonNode r = imgdiff("analyze", "--format", "json", "docker-daemon:" + tag);
        long inspectSize = Long.parseLong(Docker.ok(null, "image", "inspect", "-f", "{{.Size}}", tag).strip());
        assertThat(r.at("/totals/imageSize").asLong()).as("image size = docker image inspect .Size").isEqualTo(inspectSize);

        List<Long> history = new ArrayList<>();
        for (String line : Docker.ok(null, "history", "--no-trunc", "--human=false", "--format", "{{.Size}}", tag)
                .strip().split("\n")) {
            history.add(0, Long.parseLong(line.strip()));
        }
        List<Long> ours = new ArrayList<>();
        r.path("layers").forEach(l -> ours.add(l.path("size").asLong()));
        assertThat(ours.stream().filter(s -> s > 0).toList()).as("non-empty layer sizes = docker history")
                .isEqualTo(history.stream().filter(s -> s > 0).toList());

        String container = Docker.ok(null, "create", tag).strip();
        try {
            long exported = Docker.stream(DockerImagesTest::regularFileBytes, "export", container);
            assertThat(r.at("/totals/contentSize").asLong()).as("content size = bytes of docker export")
                    .isEqualTo(exported);
        } finally {
            Docker.ok(null, "rm", "-f", container);
        }
        assertThat(r.at("/totals/imageSize").asLong())
                .isEqualTo(r.at("/totals/contentSize").asLong() + r.at("/totals/wastedBytes").asLong());
    }

    /**
     * Bytes Docker counts in a tar: regular files (hard-linked ones once) and each symlink's target
     * length. Read with commons-compress, not imgdiff's reader.
     */
    static long regularFileBytes(InputStream in) throws IOException {
        long total = 0;
        TarArchiveInputStream t = new TarArchiveInputStream(in, "UTF-8");
        TarArchiveEntry e;
        while ((e = t.getNextEntry()) != null) {
            if (CONTAINER_INIT.contains(e.getName().replaceFirst("^\\./", "").replaceFirst("/$", ""))) {
                continue;
            }
            if (e.isSymbolicLink()) {
                total += e.getLinkName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            } else if (e.isFile()) {
                total += e.getRealSize();
            }
        }
        return total;
    }

    /** What Docker's init layer adds to every container (none of it is in the image). */
    static final java.util.Set<String> CONTAINER_INIT = java.util.Set.of(".dockerenv", "etc/hostname", "etc/hosts",
            "etc/resolv.conf", "etc/mtab", "dev/console", "dev/pts", "dev/shm");

    @ParameterizedTest
    @MethodSource("images")
    void theSameImageGivesTheSameReportFromEverySource(String tag) throws Exception {
        Path saved = dir.resolve(tag.replaceAll("[/:]", "_") + ".tar");
        Docker.cmd("sh", "-c", "docker save " + tag + " > " + saved);
        Path layout = dir.resolve(tag.replaceAll("[/:]", "_") + "-oci");
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        Docker.cmd("skopeo", "copy", "--quiet", "--src-daemon-host", host, "docker-daemon:" + tag, "oci:" + layout + ":1");
        JsonNode daemon = imgdiff("analyze", "--format", "json", "docker-daemon:" + tag);
        JsonNode bare = imgdiff("analyze", "--format", "json", tag);
        JsonNode file = imgdiff("analyze", "--format", "json", saved.toString());
        JsonNode oci = imgdiff("analyze", "--format", "json", "oci:" + layout + ":1");
        JsonNode registry = imgdiff("analyze", "--format", "json", "docker://" + Docker.registry() + "/" + tag);
        JsonNode registryBare = imgdiff("analyze", "--format", "json", Docker.registry() + "/" + tag);
        assertThat(registry.at("/image/format").asText()).startsWith("registry");
        assertThat(registryBare.at("/image/format").asText()).as("a name only the registry has").startsWith("registry");
        for (JsonNode other : List.of(bare, file, oci, registry, registryBare)) {
            assertThat(comparable(other)).isEqualTo(comparable(daemon));
        }
        // skopeo re-encodes the config for an OCI layout; the daemon and docker save carry Docker's own.
        String id = Docker.ok(null, "image", "inspect", "-f", "{{.Id}}", tag).strip();
        assertThat(daemon.at("/image/id").asText()).isEqualTo(id);
        assertThat(bare.at("/image/id").asText()).isEqualTo(id);
        assertThat(file.at("/image/id").asText()).isEqualTo(id);
        assertThat(registry.at("/image/id").asText()).as("docker push keeps the config").isEqualTo(id);
    }

    /** What must not depend on where the image was read from. */
    static Map<String, Object> comparable(JsonNode r) {
        List<String> layers = new ArrayList<>();
        r.path("layers").forEach(l -> layers.add(l.path("size").asLong() + " +" + l.path("added").asInt() + " ~"
                + l.path("modified").asInt() + " -" + l.path("deleted").asInt() + " w" + l.path("wastedBytes").asLong()
                + " " + l.path("createdBy").asText()));
        List<String> categories = new ArrayList<>();
        r.path("categories").forEach(c -> categories.add(c.path("name").asText() + "=" + c.path("bytes").asLong()
                + "/" + c.path("wastedBytes").asLong()));
        return Map.of("image", r.at("/totals/imageSize").asLong(), "content", r.at("/totals/contentSize").asLong(),
                "wasted", r.at("/totals/wastedBytes").asLong(), "files", r.at("/totals/files").asLong(),
                "directories", r.at("/totals/directories").asLong(), "layers", layers, "categories", categories);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void theComparisonOfEachPairAddsUp(String stack) throws Exception {
        JsonNode c = imgdiff("--format", "json", tag(stack, "naive"), tag(stack, "slim"));
        long a = Long.parseLong(Docker.ok(null, "image", "inspect", "-f", "{{.Size}}", tag(stack, "naive")).strip());
        long b = Long.parseLong(Docker.ok(null, "image", "inspect", "-f", "{{.Size}}", tag(stack, "slim")).strip());
        assertThat(c.at("/difference/imageSize").asLong()).isEqualTo(b - a);
        assertThat(c.at("/a/totals/contentSize").asLong() - c.at("/dropped/bytes").asLong()
                + c.at("/added/bytes").asLong() - c.at("/changed/bytesA").asLong() + c.at("/changed/bytesB").asLong())
                .as("A's content − dropped + added ± changed = B's content")
                .isEqualTo(c.at("/b/totals/contentSize").asLong());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void comparesAPairThatOnlyTheRegistryHas(String stack) throws Exception {
        String reg = Docker.registry();
        JsonNode fromRegistry = imgdiff("--format", "json", reg + "/" + tag(stack, "naive"), reg + "/" + tag(stack, "slim"));
        JsonNode fromDaemon = imgdiff("--format", "json", tag(stack, "naive"), tag(stack, "slim"));
        assertThat(fromRegistry.at("/a/image/format").asText()).startsWith("registry");
        assertThat(fromDaemon.at("/a/image/format").asText()).startsWith("docker-daemon");
        for (String field : List.of("/difference/imageSize", "/difference/contentSize", "/difference/wastedBytes",
                "/dropped/bytes", "/added/bytes", "/changed/files")) {
            assertThat(fromRegistry.at(field).asLong()).as(field).isEqualTo(fromDaemon.at(field).asLong());
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void savedImagesReadTheSameWithoutDaemonOrRegistry(String tag) throws Exception {
        Path fromDaemon = dir.resolve("saved-daemon-" + tag.replaceAll("[/:]", "_") + ".tar");
        Path fromRegistry = dir.resolve("saved-registry-" + tag.replaceAll("[/:]", "_") + ".tar");
        imgdiffOk("save", tag, "-o", fromDaemon.toString());
        imgdiffOk("save", "docker://" + Docker.registry() + "/" + tag, "-o", fromRegistry.toString());
        JsonNode live = imgdiff("analyze", "--format", "json", tag);
        assertThat(comparable(imgdiff("analyze", "--format", "json", fromDaemon.toString()))).isEqualTo(comparable(live));
        JsonNode reg = imgdiff("analyze", "--format", "json", fromRegistry.toString());
        assertThat(comparable(reg)).isEqualTo(comparable(live));
        assertThat(reg.at("/image/format").asText()).isEqualTo("oci-archive");
        assertThat(reg.at("/image/id").asText()).isEqualTo(live.at("/image/id").asText());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void buildsEachStageAndComparesTheFattestWithTheFinalImage(String stack) throws Exception {
        Path ctx = dir.resolve("build-" + stack);
        BuildContexts.write(stack, ctx, BASE);
        String prefix = "imgdiff-it-build/" + stack;
        JsonNode multi = imgdiff("build", "--quiet", "--format", "json", "--tag-prefix", prefix, ctx.resolve("Dockerfile").toString());
        long build = Long.parseLong(Docker.ok(null, "image", "inspect", "-f", "{{.Size}}", prefix + "-build:latest").strip());
        long fin = Long.parseLong(Docker.ok(null, "image", "inspect", "-f", "{{.Size}}", prefix + "-final:latest").strip());
        assertThat(multi.at("/a/totals/imageSize").asLong()).as("the build stage").isEqualTo(build);
        assertThat(multi.at("/b/totals/imageSize").asLong()).as("the final image").isEqualTo(fin);

        JsonNode two = imgdiff("build", "--quiet", "--format", "json", "--tag-prefix", prefix, "--naive",
                ctx.resolve("Dockerfile.naive").toString(), "--slim", ctx.resolve("Dockerfile").toString());
        assertThat(two.at("/a/totals/imageSize").asLong()).isEqualTo(
                Long.parseLong(Docker.ok(null, "image", "inspect", "-f", "{{.Size}}", prefix + "-naive:latest").strip()));
        assertThat(two.at("/b/totals/imageSize").asLong()).isEqualTo(fin);
    }

    @org.junit.jupiter.api.Test
    void aMisspelledNameGetsSuggestions() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console c = new Console(new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream(),
                System.getenv(), false, 120);
        assertThat(Cli.execute(c, "analyze", "docker-daemon:imgdiff-it/node-naiv:1")).isEqualTo(3);
        assertThat(err.toString()).contains("has no image imgdiff-it/node-naiv:1").contains("imgdiff-it/node-naive:1")
                .contains("did you mean");
    }

    static void imgdiffOk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console c = new Console(new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream(),
                System.getenv(), false, 120);
        assertThat(Cli.execute(c, args)).as(String.join(" ", args) + ": " + err).isZero();
    }

    static List<String> stacks() {
        return BuildContexts.STACKS;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
