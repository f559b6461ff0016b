package dev.imgdiff.cli.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imgdiff explore} in a real terminal: tmux runs it, keys go in with {@code send-keys}, and the
 * screen comes back with {@code capture-pane}. Needs tmux (CI installs it; elsewhere the test skips
 * with the reason when it is missing).
 */
class ExploreTmuxTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    static Path dir;
    static ImageRecord naive;
    static ImageRecord slim;
    static StackPair pair;
    private final String session = "imgdiff-explore-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @BeforeAll
    static void fixtures(@TempDir Path tmp) throws Exception {
        boolean tmux = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        if (!tmux) {
            assertThat(System.getenv("CI")).as("tmux must be installed on CI (.ci/run installs it)").isNotEqualTo("true");
        }
        assumeTrue(tmux, "tmux is not installed: the end-to-end explorer test needs it");
        dir = tmp;
        pair = Stacks.pair("node", 0.01);
        naive = Expectations.of(pair.naive());
        slim = Expectations.of(pair.slim());
        ArchiveWriter.write(pair.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, tmp.resolve("naive.tar"));
        ArchiveWriter.write(pair.slim(), Shape.OCI_ARCHIVE, LayerCompression.GZIP, tmp.resolve("slim.tar"));
    }

    @AfterEach
    void kill() throws Exception {
        run("tmux", "kill-session", "-t", session);
    }

    @Test
    void exploresOneImageAndRestoresTheTerminalOnQ() throws Exception {
        start(160, 45, "explore", dir.resolve("naive.tar").toString());
        List<String> s = waitFor(l -> l.stream().anyMatch(x -> x.contains("imgdiff explore ·")));
        assertThat(s.get(0)).isEqualTo(" imgdiff explore · " + dir.resolve("naive.tar") + " · "
                + Sizes.human(naive.imageSize()) + " in " + naive.layerCount() + " layers");
        assertThat(s.get(1)).startsWith("● Layers").contains("Files · layer 1 of " + naive.layerCount());
        assertThat(String.join("\n", s)).contains("RUN npm ci").contains("RUN rm -rf /root/.npm");
        assertThat(s.get(44)).contains("? help").contains("q quit");
        assertThat(tmux("display", "-p", "-t", session, "#{alternate_on}")).isEqualTo("1");

        keys("j");
        s = waitFor(l -> l.get(1).contains("layer 2 of "));
        assertThat(s.get(2)).startsWith("    1 ");
        assertThat(s.get(3)).startsWith("▶   2 ");

        keys("G");
        s = waitFor(l -> l.get(1).contains("layer " + naive.layerCount() + " of "));
        keys("c");
        s = waitFor(l -> l.get(1).contains("(changes only)"));
        // The last layer removes /root/.npm: only removals show, marked "-", with the bytes they held.
        assertThat(s.get(3)).endsWith("- " + String.format("%9s", Sizes.human(naive.layers().get(naive.layerCount() - 1)
                .deletedBytes())) + " ▾ root/");
        keys("c", "Tab");
        s = waitFor(l -> l.get(1).contains("● Files"));
        // The mouse wheel moves the cursor three rows, in the SGR and the X10 encodings.
        String before = pathShown(s);
        typeText("\u001b[<65;80;10M");
        String after = pathShown(waitFor(l -> !pathShown(l).equals(before)));
        assertThat(after).isNotEqualTo(before);
        typeText("\u001b[M`P*");
        waitFor(l -> pathShown(l).equals(before));

        keys("/");
        waitFor(l -> l.get(44).startsWith("Filter"));
        typeText("package-lock");
        keys("Enter");
        s = waitFor(l -> l.get(1).contains("filter package-lock") && l.get(44).contains("q quit"));
        assertThat(String.join("\n", s)).contains(".package-lock.json").doesNotContain("os-release");

        keys("?");
        s = waitFor(l -> String.join("\n", l).contains("Ctrl-C       quit"));
        keys("j");
        waitFor(l -> !String.join("\n", l).contains("Ctrl-C       quit"));

        keys("q");
        s = waitFor(l -> String.join("\n", l).contains("EXITED=0"));
        assertThat(tmux("display", "-p", "-t", session, "#{alternate_on}")).isEqualTo("0");
        assertThat(tmux("display", "-p", "-t", session, "#{cursor_flag}")).isEqualTo("1");
        String all = String.join("\n", s);
        assertThat(all).contains("BEFORE").doesNotContain("imgdiff explore ·");
        // The modes are back as they were: canonical input with echo.
        assertThat(all).contains("MODES=icanon echo");
    }

    @Test
    void exploresTwoImagesSideBySideAndLeavesOnCtrlC() throws Exception {
        Path json = dir.resolve("slim.json");
        Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "dev.imgdiff.cli.Main",
                "analyze", dir.resolve("slim.tar").toString(), "--format", "json", "-o", json.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        start(150, 40, "explore", dir.resolve("naive.tar").toString(), json.toString());
        List<String> s = waitFor(l -> l.stream().anyMatch(x -> x.contains("imgdiff explore ·")));
        assertThat(s.get(0)).isEqualTo(" imgdiff explore · A " + dir.resolve("naive.tar") + " (" + Sizes.human(naive.imageSize())
                + ") vs B " + slim.repoTag() + " (" + Sizes.human(slim.imageSize()) + ")");
        assertThat(s.get(2)).startsWith("▶   A vs B  " + Sizes.human(naive.imageSize()) + " → " + Sizes.human(slim.imageSize()));
        assertThat(s.get(1)).contains("Files · A vs B (final filesystems)");
        assertThat(String.join("\n", s)).contains("A size    B size  Path").contains("▾ app/")
                .contains("node_modules.dev").contains("toolchain");

        // Resizing redraws at the new size.
        tmux("resize-window", "-t", session, "-x", "100", "-y", "30");
        s = waitFor(l -> l.size() == 30 && l.get(29).contains("move"));
        assertThat(s).allMatch(l -> l.length() <= 100);

        tmux("send-keys", "-t", session, "C-c");
        s = waitFor(l -> String.join("\n", l).contains("EXITED=0"));
        assertThat(tmux("display", "-p", "-t", session, "#{alternate_on}")).isEqualTo("0");
        assertThat(String.join("\n", s)).contains("MODES=icanon echo");
    }

    /** The "Path:" line of the details pane, or "" when none shows. */
    private static String pathShown(List<String> screen) {
        return screen.stream().filter(l -> l.startsWith("Path: ")).findFirst().orElse("");
    }

    // ---- tmux ----

    private void start(int width, int height, String... args) throws Exception {
        Path script = dir.resolve(session + ".sh");
        StringBuilder cmd = new StringBuilder("printf 'BEFORE\\n'; ").append(quote(java())).append(" -cp ")
                .append(quote(System.getProperty("java.class.path"))).append(" dev.imgdiff.cli.Main");
        for (String a : args) {
            cmd.append(' ').append(quote(a));
        }
        cmd.append("; code=$?; m=$(stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' ');")
                .append(" echo \"EXITED=$code\"; echo \"MODES=${m% }\"; sleep 600\n");
        Files.writeString(script, cmd.toString(), StandardCharsets.UTF_8);
        assertThat(run("tmux", "new-session", "-d", "-s", session, "-x", String.valueOf(width), "-y",
                String.valueOf(height), "bash " + quote(script.toString()))).isZero();
        tmux("set-option", "-t", session, "window-size", "manual");
        tmux("resize-window", "-t", session, "-x", String.valueOf(width), "-y", String.valueOf(height));
    }

    private void keys(String... keys) throws Exception {
        for (String k : keys) {
            tmux("send-keys", "-t", session, k);
        }
    }

    private void typeText(String text) throws Exception {
        tmux("send-keys", "-t", session, "-l", text);
    }

    private List<String> waitFor(Predicate<List<String>> ready) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        List<String> last = List.of();
        while (System.nanoTime() < end) {
            last = screen();
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never got there; last screen:\n" + String.join("\n", last));
    }

    private List<String> screen() throws Exception {
        String out = tmux("capture-pane", "-p", "-t", session);
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
