package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.edge.EdgeCases;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: arguments, exit codes, output formats, and that output matches the generator's record. */
class CommandLineTest {
    @TempDir
    static Path dir;
    static WrittenImage a;
    static WrittenImage b;
    static ImageRecord ra;
    static ImageRecord rb;

    @BeforeAll
    static void images() throws Exception {
        ImageSpec sa = EdgeCases.byName("overwrite-bigger").orElse(EdgeCases.all().get(0));
        ImageSpec sb = EdgeCases.byName("whiteout-dir").orElse(EdgeCases.all().get(1));
        a = ArchiveWriter.write(sa, Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("a.tar"));
        b = ArchiveWriter.write(sb, Shape.OCI_ARCHIVE, LayerCompression.GZIP, dir.resolve("b.tar"));
        ra = Expectations.of(sa, a);
        rb = Expectations.of(sb, b);
    }

    @Test
    void noImageIsAUsageError() {
        Run r = Run.of();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("name two images").contains("--help");
    }

    @Test
    void threeImagesAreAUsageError() {
        assertThat(Run.of("a", "b", "c").code()).isEqualTo(2);
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        Run r = Run.of("--nope", a.path().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--nope");
    }

    @Test
    void imagesBeforeASubcommandAreRefused() {
        Run r = Run.of(a.path().toString(), "analyze", b.path().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("imgdiff analyze IMAGE");
    }

    @Test
    void helpAndVersionExitZero() {
        Run h = Run.of("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("imgdiff [OPTIONS] NAIVE SLIM").contains("Exit codes").contains("analyze");
        Run v = Run.of("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("imgdiff ");
        assertThat(Run.of("analyze", "--help").code()).isZero();
    }

    @Test
    void analyzeJsonCarriesTheRecordedFigures() throws Exception {
        Run r = Run.of("analyze", "--format", "json", a.reference());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(j.path("kind").asText()).isEqualTo("analysis");
        assertThat(j.at("/totals/imageSize").asLong()).isEqualTo(ra.imageSize());
        assertThat(j.at("/totals/contentSize").asLong()).isEqualTo(ra.contentSize());
        assertThat(j.at("/totals/wastedBytes").asLong()).isEqualTo(ra.wastedBytes());
        assertThat(j.at("/totals/compressedSize").asLong()).isEqualTo(ra.compressedSize());
        assertThat(j.at("/totals/layers").asInt()).isEqualTo(ra.layerCount());
        assertThat(j.at("/totals/files").asLong()).isEqualTo(ra.files());
        assertThat(j.path("layers")).hasSize(ra.layerCount());
        for (int i = 0; i < ra.layerCount(); i++) {
            assertThat(j.path("layers").get(i).path("size").asLong()).isEqualTo(ra.layers().get(i).size());
            assertThat(j.path("layers").get(i).path("wastedBytes").asLong()).isEqualTo(ra.layers().get(i).wastedBytes());
        }
        for (JsonNode c : j.path("categories")) {
            assertThat(c.path("bytes").asLong()).as(c.path("name").asText())
                    .isEqualTo(ra.categories().get(c.path("name").asText()).bytes());
        }
    }

    @Test
    void compareJsonCarriesBothRecordsAndTheirDifference() throws Exception {
        Run r = Run.of("--format=json", a.reference(), b.reference());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("kind").asText()).isEqualTo("comparison");
        assertThat(j.at("/a/totals/imageSize").asLong()).isEqualTo(ra.imageSize());
        assertThat(j.at("/b/totals/imageSize").asLong()).isEqualTo(rb.imageSize());
        assertThat(j.at("/difference/imageSize").asLong()).isEqualTo(rb.imageSize() - ra.imageSize());
        assertThat(j.at("/difference/compressedSize").asLong()).isEqualTo(rb.compressedSize() - ra.compressedSize());
        assertThat(j.at("/ratio/imageSize").asDouble()).isEqualTo((double) ra.imageSize() / rb.imageSize());
        long droppedBytes = ra.paths().entrySet().stream().filter(e -> !rb.paths().containsKey(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
        long addedBytes = rb.paths().entrySet().stream().filter(e -> !ra.paths().containsKey(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
        assertThat(j.at("/dropped/bytes").asLong()).isEqualTo(droppedBytes);
        assertThat(j.at("/added/bytes").asLong()).isEqualTo(addedBytes);
    }

    @Test
    void textOutputNamesBothImagesAndTheRatio() {
        Run r = Run.of("--no-color", a.reference(), b.reference());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(a.repoTag()).contains(b.repoTag()).contains("image size").contains("By category")
                .contains("Layers of A").contains("Layers of B").doesNotContain("\u001b");
        assertThat(r.out()).containsPattern("\\d(\\.\\d+)?x (smaller|larger)|same size");
    }

    @Test
    void oneImageAloneIsAnalysed() {
        Run r = Run.of(a.path().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Layers").contains("By category").contains("efficiency");
    }

    @Test
    void writesTheReportToAFile() throws Exception {
        Path out = dir.resolve("report.json");
        Run r = Run.of("analyze", "--format", "json", "-o", out.toString(), a.reference());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(Files.readString(out)).at("/totals/imageSize").asLong())
                .isEqualTo(ra.imageSize());
    }

    @Test
    void anUnwritableOutputIsAnIoError() {
        Run r = Run.of("analyze", "-o", dir.resolve("no/such/dir/x.txt").toString(), a.reference());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("imgdiff: error: cannot write");
    }

    @Test
    void aMissingFileIsAnImageErrorThatSaysWhatWasTried() {
        Run r = Run.of("analyze", dir.resolve("nope.tar").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no such file or folder");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aNameThatIsNoFileSaysWhatWasTried() {
        Run r = Run.withInput(java.io.InputStream.nullInputStream(), java.util.Map.of(), "analyze",
                "docker-daemon:unix-socket-that-is-not-there");
        assertThat(r.code()).isEqualTo(3);
        Run bare = Run.of("analyze", "imgdiff-no-such-image:1");
        assertThat(bare.code()).isEqualTo(3);
        assertThat(bare.err()).contains("tried: a file or folder of that name").contains("Docker daemon");
        assertThat(bare.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableDaemonIsNamed() {
        Run r = Run.of("analyze", "--docker-host", "unix://" + dir.resolve("no.sock"), "docker-daemon:app:1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the Docker daemon at unix://" + dir.resolve("no.sock"));
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableRegistryIsNamed() {
        Run r = Run.of("analyze", "docker://127.0.0.1:1/team/app:1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the registry 127.0.0.1:1");
    }

    @Test
    void findsDuplicateContentWhenAsked() throws Exception {
        // Same seed and size give the same bytes (the fixtures' contract): three copies of 50,000 bytes.
        long seed = 42;
        dev.imgdiff.fixtures.ImageSpec spec = dev.imgdiff.fixtures.ImageSpec.builder("dups")
                .layer("COPY a", l -> l.file("/a/lib.so", 50_000, "app", seed).file("/b/lib.so", 50_000, "app", seed)
                        .file("/c/other", 50_000, "app", seed + 1))
                .layer("COPY c", l -> l.file("/c/lib-copy.so", 50_000, "app", seed))
                .build();
        WrittenImage w = ArchiveWriter.write(spec, Shape.OCI_ARCHIVE, LayerCompression.GZIP, dir.resolve("dups.tar"));
        Run r = Run.of("analyze", "--duplicates", "--format", "json", w.reference());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out()).path("duplicates");
        assertThat(d.path("groups").asInt()).isEqualTo(1);
        assertThat(d.path("savings").asLong()).isEqualTo(100_000);
        assertThat(d.at("/largest/0/copies").asInt()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(Run.of("analyze", "--format", "json", w.reference()).out())
                .path("duplicates").isNull()).isTrue();
        WrittenImage plain = ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("dups-plain.tar"));
        Run seeking = Run.of("analyze", "--duplicates", "--format", "json", plain.reference());
        assertThat(new ObjectMapper().readTree(seeking.out()).at("/duplicates/savings").asLong()).isEqualTo(100_000);
    }

    @Test
    void reportsDiveFiguresOnlyWhenAsked() throws Exception {
        // Hand-computed the way dive counts: /a seen as 100 and 30, /b as 50 and again 50 (its whiteout,
        // sized by what it deletes), /keep once. Wasted = 130 + 100; efficiency = (30 + 50 + 7) / (130 + 100 + 7);
        // image = 157 + 30, of which the user's (above the first layer) is 30.
        dev.imgdiff.fixtures.ImageSpec spec = dev.imgdiff.fixtures.ImageSpec.builder("dive")
                .layer("COPY base", l -> l.file("/a", 100, "app", 1).file("/b", 50, "app", 2).file("/keep", 7, "app", 3))
                .layer("RUN change", l -> l.file("/a", 30, "app", 4).whiteout("/b"))
                .build();
        WrittenImage w = ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("dive.tar"));
        Run r = Run.of("analyze", "--dive", "--format", "json", w.reference());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out()).path("dive");
        assertThat(d.path("wastedBytes").asLong()).isEqualTo(230);
        assertThat(d.path("imageSize").asLong()).isEqualTo(187);
        assertThat(d.path("efficiency").asDouble()).isEqualTo(87.0 / 237.0);
        assertThat(d.path("userWastedPercent").asDouble()).isEqualTo(230.0 / 30.0);
        assertThat(Run.of("analyze", "--dive", w.reference()).out()).contains("dive reports: efficiency 36.7%");
        assertThat(new ObjectMapper().readTree(Run.of("analyze", "--format", "json", w.reference()).out())
                .path("dive").isNull()).isTrue();
    }

    @Test
    void readsADockerSaveStreamFromStandardInput() throws Exception {
        Run r = Run.withStdin(Files.readAllBytes(a.path()), "analyze", "--format", "json", "-");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).at("/totals/imageSize").asLong()).isEqualTo(ra.imageSize());
    }

    @Test
    void badPlatformSyntaxIsAUsageError() {
        Run r = Run.of("analyze", "--platform", "linux/amd64/v1/x", a.reference());
        assertThat(r.code()).isEqualTo(2);
    }
}
