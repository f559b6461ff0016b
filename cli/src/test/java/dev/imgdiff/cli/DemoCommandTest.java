package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's main command: the demo pair, compared, with the figures the generator recorded. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"node", "go", "python"})
    void comparesTheBundledPair(String stack) throws Exception {
        Run r = Run.of("demo", "--stack", stack, "--scale", "0.01", "--dir", dir.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        StackPair pair = Stacks.pair(stack, 0.01);
        ImageRecord naive = Expectations.of(pair.naive());
        ImageRecord slim = Expectations.of(pair.slim());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/a/totals/imageSize").asLong()).isEqualTo(naive.imageSize());
        assertThat(j.at("/b/totals/imageSize").asLong()).isEqualTo(slim.imageSize());
        assertThat(j.at("/a/totals/wastedBytes").asLong()).isEqualTo(naive.wastedBytes());
        assertThat(j.at("/b/totals/contentSize").asLong()).isEqualTo(slim.contentSize());
        assertThat(j.at("/a/image/repoTag").asText()).isEqualTo(pair.naive().repoTag());
        assertThat(Files.exists(dir.resolve(stack + "-naive.tar"))).isTrue();
        assertThat(r.err()).contains(pair.description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", ""})
    void anUnknownStackIsAUsageError(String stack) {
        Run r = Run.of("demo", "--stack", stack);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("node, go, python");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "NaN", "100"})
    void aBadScaleIsAUsageError(String scale) {
        assertThat(Run.of("demo", "--scale", scale).code()).isEqualTo(2);
    }
}
