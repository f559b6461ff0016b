package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.edge.EdgeCases;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.hostile.HostileArchives;
import dev.imgdiff.fixtures.hostile.HostileCase;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of report the CLI writes matches {@code schema/imgdiff-report.schema.json}: single images and
 * comparisons of every fixture stack, with and without the optional sections, every edge-case image and
 * the hostile-name images. And the schema is strict enough to fail a report that drifted.
 */
class ReportSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static String nodeComparison;

    @BeforeAll
    static void nodePair() throws Exception {
        StackPair p = Stacks.pair("node", 0.01);
        WrittenImage a = ArchiveWriter.write(p.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("nn.tar"));
        WrittenImage b = ArchiveWriter.write(p.slim(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("ns.tar"));
        Run r = Run.of("--format", "json", "--dive", "--duplicates", a.reference(), b.reference());
        assertThat(r.code()).as(r.err()).isZero();
        nodeComparison = r.out();
    }

    @TestFactory
    List<DynamicTest> stackPairsWithAndWithoutOptionalSections() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Stacks.NAMES) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                StackPair p = Stacks.pair(name, 0.01);
                Path d = dir.resolve("stack-" + name);
                WrittenImage a = ArchiveWriter.write(p.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, d.resolve("a.tar"));
                WrittenImage b = ArchiveWriter.write(p.slim(), Shape.OCI_ARCHIVE, LayerCompression.GZIP, d.resolve("b.tar"));
                ImageRecord ra = Expectations.of(p.naive(), a);
                ImageRecord rb = Expectations.of(p.slim(), b);

                JsonNode plain = valid("analyze", "--format", "json", a.reference());
                assertThat(plain.get("kind").asText()).isEqualTo("analysis");
                assertThat(plain.get("dive").isNull()).isTrue();
                assertThat(plain.get("duplicates").isNull()).isTrue();
                assertThat(plain.at("/totals/imageSize").asLong()).isEqualTo(ra.imageSize());

                JsonNode full = valid("analyze", "--format", "json", "--dive", "--duplicates", b.reference());
                assertThat(full.get("dive").isObject()).isTrue();
                assertThat(full.get("duplicates").isObject()).isTrue();
                assertThat(full.at("/totals/contentSize").asLong()).isEqualTo(rb.contentSize());

                JsonNode cmp = valid("--format", "json", a.reference(), b.reference());
                assertThat(cmp.get("kind").asText()).isEqualTo("comparison");
                assertThat(cmp.at("/difference/imageSize").asLong()).isEqualTo(rb.imageSize() - ra.imageSize());
                assertThat(cmp.at("/a/dive").isNull()).isTrue();

                JsonNode cmpFull = valid("--format", "json", "--dive", "--duplicates", "--top", "3",
                        a.reference(), b.reference());
                assertThat(cmpFull.at("/b/dive").isObject()).isTrue();
                assertThat(cmpFull.at("/a/duplicates").isObject()).isTrue();
                assertThat(cmpFull.at("/a/largestFiles").size()).isEqualTo(3);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyEdgeCaseImage() {
        List<ImageSpec> specs = EdgeCases.all();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ImageSpec s = specs.get(i);
            ImageSpec next = specs.get((i + 1) % specs.size());
            int n = i;
            tests.add(DynamicTest.dynamicTest(s.name(), () -> {
                WrittenImage w = ArchiveWriter.write(s, Shape.DOCKER_LEGACY, LayerCompression.NONE,
                        dir.resolve("edge-" + n + ".tar"));
                WrittenImage o = ArchiveWriter.write(next, Shape.OCI_DIR, LayerCompression.NONE,
                        dir.resolve("edge-next-" + n));
                ImageRecord rec = Expectations.of(s, w);
                JsonNode r = valid("analyze", "--format", "json", "--dive", "--duplicates", "--lenient", w.reference());
                assertThat(r.at("/totals/imageSize").asLong()).isEqualTo(rec.imageSize());
                assertThat(r.at("/totals/files").asLong()).isEqualTo(rec.files());
                valid("--format", "json", "--lenient", w.reference(), o.reference());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> hostileNamesAndText() throws Exception {
        List<HostileCase> cases = HostileArchives.writeAll(dir.resolve("hostile"));
        return cases.stream().filter(c -> !c.expectsError() || HostileCase.KIND_HOSTILE_NAME.equals(c.kind()))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Run r = Run.of("analyze", "--format", "json", "--lenient", c.reference());
                    if (r.code() == 0) {
                        ReportSchema.check(r.out());
                    } else {
                        assertThat(r.code()).as(r.err()).isEqualTo(3);
                    }
                })).toList();
    }

    @Test
    void aReportWrittenToAFileIsValidToo() throws Exception {
        Path out = dir.resolve("node.json");
        StackPair p = Stacks.pair("node", 0.01);
        WrittenImage a = ArchiveWriter.write(p.slim(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("f.tar"));
        Run r = Run.of("analyze", "--format", "json", "-o", out.toString(), a.reference());
        assertThat(r.code()).as(r.err()).isZero();
        ReportSchema.check(java.nio.file.Files.readString(out));
    }

    @Test
    void theUnchangedReportIsValid() {
        assertThat(ReportSchema.errors(nodeComparison)).isEmpty();
    }

    @Test
    void aMissingFieldFails() throws Exception {
        assertInvalid(r -> ((ObjectNode) r.at("/a/totals")).remove("imageSize"), "/a/totals", "imageSize");
        assertInvalid(r -> ((ObjectNode) r).remove("dropped"), "", "dropped");
        assertInvalid(r -> ((ObjectNode) r.at("/b/layers/0")).remove("instruction"), "/b/layers/0", "instruction");
    }

    @Test
    void anExtraFieldFails() throws Exception {
        assertInvalid(r -> ((ObjectNode) r.at("/a/layers/0")).put("sizeHuman", "12 MB"), "/a/layers/0", "sizeHuman");
        assertInvalid(r -> ((ObjectNode) r).putArray("files"), "", "files");
        assertInvalid(r -> ((ObjectNode) r.at("/a")).putObject("tree"), "/a", "tree");
    }

    @Test
    void aWrongTypeFails() throws Exception {
        assertInvalid(r -> ((ObjectNode) r.at("/a/totals")).put("files", "12"), "/a/totals/files", "string");
        assertInvalid(r -> ((ObjectNode) r.at("/a/totals")).put("imageSize", 1.5), "/a/totals/imageSize", "number");
        assertInvalid(r -> ((ObjectNode) r.at("/a/image")).putNull("reference"), "/a/image/reference", "null");
        assertInvalid(r -> ((ObjectNode) r.at("/b/layers/0")).put("base", "yes"), "/b/layers/0/base", "string");
        assertInvalid(r -> ((ObjectNode) r.at("/a/dive")).put("wastedBytes", -1), "/a/dive/wastedBytes", "minimum");
        assertInvalid(r -> ((ObjectNode) r.at("/a")).put("dive", "none"), "/a/dive", "");
    }

    @Test
    void anUnknownEnumValueFails() throws Exception {
        assertInvalid(r -> ((ObjectNode) r.at("/categories/0")).put("name", "misc"), "/categories/0/name", "");
        assertInvalid(r -> ((ObjectNode) r.at("/advice/0")).put("status", "gone"), "/advice/0/status", "");
        assertInvalid(r -> ((ObjectNode) r.at("/packages/0")).put("change", "moved"), "/packages/0/change", "");
        assertInvalid(r -> ((ObjectNode) r).put("schemaVersion", 2), "/schemaVersion", "");
        assertInvalid(r -> ((ArrayNode) r.at("/a/categories")).remove(7), "/a/categories", "");
    }

    @Test
    void aDriftedPathRecordFails() throws Exception {
        assertThat(JSON.readTree(nodeComparison).at("/a/files/entries").size()).isPositive();
        assertInvalid(r -> ((ArrayNode) r.at("/a/files/entries/0/changes/0")).set(1, "X"),
                "/a/files/entries/0/changes/0/1", "");
        assertInvalid(r -> ((ArrayNode) r.at("/b/files/entries/0/changes/0")).remove(2),
                "/b/files/entries/0/changes/0", "");
        assertInvalid(r -> ((ObjectNode) r.at("/a/files/entries/0")).remove("category"), "/a/files/entries/0",
                "category");
        assertInvalid(r -> ((ObjectNode) r.at("/a/files/entries/0")).put("size", 1), "/a/files/entries/0", "size");
    }

    /** Changes a valid comparison report, then expects a violation at {@code location} naming {@code word}. */
    private static void assertInvalid(Consumer<JsonNode> edit, String location, String word) throws Exception {
        JsonNode r = JSON.readTree(nodeComparison);
        edit.accept(r);
        List<String> errors = ReportSchema.errors(JSON.writeValueAsString(r));
        assertThat(errors).as("errors after the edit at " + location).isNotEmpty();
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(location + ": ")
                .contains(word));
    }

    private static JsonNode valid(String... args) throws Exception {
        Run r = Run.of(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ReportSchema.errors(r.out())).isEmpty();
        return JSON.readTree(r.out());
    }
}
