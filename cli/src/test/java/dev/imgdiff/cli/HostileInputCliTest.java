package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.fixtures.hostile.HostileArchives;
import dev.imgdiff.fixtures.hostile.HostileCase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees for each broken or hostile image: exit code 3, one line on standard error that
 * names the image, no stack trace (unless --debug), and never an escape character from the image.
 */
class HostileInputCliTest {
    @TempDir
    static Path dir;
    static List<HostileCase> cases;

    @BeforeAll
    static void write() throws Exception {
        cases = HostileArchives.writeAll(dir);
    }

    private static String[] args(HostileCase c, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("analyze"));
        if (HostileCase.KIND_DIGEST_MISMATCH.equals(c.kind())) {
            a.add("--verify");
        }
        a.addAll(List.of(extra));
        a.add(c.reference());
        return a.toArray(String[]::new);
    }

    @TestFactory
    List<DynamicTest> eachBrokenImageGivesOneClearLine() {
        return cases.stream().filter(HostileCase::expectsError).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Run r = Run.of(args(c));
            assertThat(r.code()).as(c.description() + "\n" + r.err()).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("imgdiff: error: ").contains(c.reference())
                    .doesNotContain("Exception").doesNotContain("\tat ");
            if (c.layerIndex() != null && !r.err().contains("ends inside")) {
                assertThat(r.err()).contains("layer " + (c.layerIndex() + 1) + "/");
            }
            assertNoEscapes(r);
        })).toList();
    }

    @TestFactory
    List<DynamicTest> debugShowsTheStackTrace() {
        return cases.stream().filter(HostileCase::expectsError).limit(3).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Run r = Run.of(args(c, "--debug"));
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("ImageException").contains("\tat ");
            assertNoEscapes(r);
        })).toList();
    }

    @TestFactory
    List<DynamicTest> hostileTextIsShownEscaped() {
        return cases.stream().filter(c -> !c.expectsError()).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Run r = Run.of(args(c));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\\x1b");
            assertNoEscapes(r);
            Run json = Run.of(args(c, "--format", "json"));
            assertThat(json.code()).isZero();
            assertNoEscapes(json);
        })).toList();
    }

    @TestFactory
    List<DynamicTest> lenientNamesAreShownEscaped() {
        return cases.stream().filter(c -> HostileCase.KIND_HOSTILE_NAME.equals(c.kind())).map(c ->
                DynamicTest.dynamicTest(c.name(), () -> {
                    Run r = Run.of(args(c, "--lenient"));
                    assertThat(r.code()).isIn(0, 3);
                    assertNoEscapes(r);
                })).toList();
    }

    private static void assertNoEscapes(Run r) {
        assertThat(r.all()).doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u0007")
                .doesNotContain("\r");
    }
}
