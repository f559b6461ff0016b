package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imgdiff explore} where there is no terminal, or nothing it can open. */
class ExploreCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutATerminalItSaysSoAndExits2() {
        Run r = Run.of("explore", "whatever.tar");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("explore needs an interactive terminal");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void moreThanTwoImagesIsAUsageError() {
        assertThat(Run.of("explore", "a", "b", "c").code()).isEqualTo(2);
    }

    @Test
    void aReportWithoutPathRecordsIsRefusedWithAHint() throws Exception {
        Path json = dir.resolve("old.json");
        Files.writeString(json, "{\"schemaVersion\":1,\"kind\":\"analysis\",\"image\":null,\"totals\":null,\"layers\":[]}");
        Run r = onATerminal("explore", json.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("has no path records: write it with imgdiff analyze IMAGE --format json -o FILE");
    }

    @Test
    void anIncompleteReportIsRefusedBeforeTheScreenOpens() throws Exception {
        Path json = dir.resolve("cut.json");
        Files.writeString(json, "{\"schemaVersion\":1,\"kind\":\"analysis\",\"totals\":null,\"layers\":[],"
                + "\"files\":{\"count\":1,\"entries\":[{\"path\":\"/x\",\"type\":\"file\",\"category\":\"app\","
                + "\"package\":-1,\"changes\":[[0,\"A\",1]]}]}}");
        Run r = onATerminal("explore", json.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("is not a complete imgdiff report");
        Files.writeString(json, "{\"schemaVersion\":1,\"kind\":\"analysis\",\"files\":{\"count\":1,\"entries\":[null]}}");
        r = onATerminal("explore", json.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("is not a well-formed imgdiff report (the value at /files is missing, null or "
                + "of the wrong type)").doesNotContain("Exception");
        Files.writeString(json, "{\"schemaVersion\":1,\"kind\":\"analysis\",\"totals\":{\"imageSize\":\"big\"}}");
        r = onATerminal("explore", json.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("the value at /totals/imageSize is missing, null or of the wrong type");
    }

    @Test
    void aFileThatIsNotAReportIsAnImageError() throws Exception {
        Path json = dir.resolve("list.json");
        Files.writeString(json, "[1, 2]");
        Run r = onATerminal("explore", json.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("is not an imgdiff JSON report").doesNotContain("Exception");
        Files.writeString(json, "{\"schemaVersion\":9,\"kind\":\"analysis\"}");
        r = onATerminal("explore", json.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("has schema version 9; this imgdiff reads up to 1");
    }

    @Test
    void showsProgressWhileReadingThenNeedsARealTerminal() throws Exception {
        var spec = dev.imgdiff.fixtures.stacks.Stacks.pair("go", 0.01).slim();
        Path tar = dir.resolve("go-slim.tar");
        dev.imgdiff.fixtures.write.ArchiveWriter.write(spec, dev.imgdiff.fixtures.write.Shape.DOCKER_LEGACY,
                dev.imgdiff.fixtures.write.LayerCompression.GZIP, tar);
        int layers = dev.imgdiff.fixtures.expect.Expectations.of(spec).layerCount();
        Run r = onATerminal("explore", tar.toString());
        // Tests run without a terminal of their own: after the scan, the explorer says it cannot draw.
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("imgdiff: reading " + tar + ": " + layers + " layers done, ")
                .contains(" read, ").contains("/s")
                .contains("explore needs an interactive terminal");
    }

    /** As if standard input and output were a terminal (the explorer itself never opens here). */
    private static Run onATerminal(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Console c = new Console(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                java.io.InputStream.nullInputStream(), java.util.Map.of(), true, 120);
        int code = Cli.execute(c, args);
        return new Run(code, out.toString(), err.toString());
    }
}
