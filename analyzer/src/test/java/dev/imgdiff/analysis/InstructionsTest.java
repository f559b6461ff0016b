package dev.imgdiff.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.model.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionsTest {
    @Test
    void turnsCreatedByIntoInstructions() {
        assertThat(Instructions.describe("/bin/sh -c #(nop)  CMD [\"node\"]")).isEqualTo("CMD [\"node\"]");
        assertThat(Instructions.describe("/bin/sh -c #(nop) ADD file:4b1a in / ")).isEqualTo("ADD file:4b1a in /");
        assertThat(Instructions.describe("/bin/sh -c npm ci")).isEqualTo("RUN npm ci");
        assertThat(Instructions.describe("|1 NODE_ENV=production /bin/sh -c npm ci")).isEqualTo("RUN npm ci");
        assertThat(Instructions.describe("RUN /bin/sh -c apt-get update # buildkit")).isEqualTo("RUN apt-get update");
        assertThat(Instructions.describe("COPY . . # buildkit")).isEqualTo("COPY . .");
        assertThat(Instructions.describe("WORKDIR /app")).isEqualTo("WORKDIR /app");
        assertThat(Instructions.describe(null)).isEmpty();
    }

    private static HistoryEntry layer(String by) {
        return new HistoryEntry(null, by, null, false);
    }

    private static HistoryEntry empty(String by) {
        return new HistoryEntry(null, by, null, true);
    }

    @Test
    void aLongRunReadsAsOneLine() {
        assertThat(Instructions.describe("/bin/sh -c set -eux; \tapt-get update;\n\tapt-get install -y \t\tgcc \r\n"))
                .isEqualTo("RUN set -eux; apt-get update; apt-get install -y gcc");
    }

    @Test
    void baseEndsAtTheLastCommandThatALayerFollows() {
        List<HistoryEntry> h = List.of(layer("/bin/sh -c #(nop) ADD file:x in / "), empty("/bin/sh -c #(nop)  CMD [\"bash\"]"),
                layer("/bin/sh -c apt-get install gcc"), layer("/bin/sh -c node"),
                empty("/bin/sh -c #(nop)  ENTRYPOINT [\"docker-entrypoint.sh\"]"), empty("/bin/sh -c #(nop)  CMD [\"node\"]"),
                empty("/bin/sh -c #(nop) WORKDIR /app"), layer("/bin/sh -c #(nop) COPY dir:x in /app"),
                empty("/bin/sh -c #(nop)  CMD [\"node\", \"dist/index.js\"]"));
        assertThat(History.baseLayers(h, 4)).isEqualTo(3);
        assertThat(History.createdByPerLayer(h, 4)).containsExactly("/bin/sh -c #(nop) ADD file:x in / ",
                "/bin/sh -c apt-get install gcc", "/bin/sh -c node", "/bin/sh -c #(nop) COPY dir:x in /app");
    }

    @Test
    void withoutABoundaryTheFirstLayerIsTheBase() {
        assertThat(History.baseLayers(List.of(), 5)).isEqualTo(1);
        assertThat(History.baseLayers(List.of(layer("a"), layer("b"), empty("CMD [\"x\"]")), 2)).isEqualTo(1);
        assertThat(History.baseLayers(List.of(), 0)).isEqualTo(0);
        assertThat(History.createdByPerLayer(List.of(layer("a")), 3)).containsExactly("a", "", "");
    }
}
