package dev.imgdiff.cli.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.ReportBuilder;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ReadOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's state and screen on two small images whose every figure is computed by hand from
 * what the images hold (see the specs below).
 */
class ExplorerTest {
    /*
     * naive: layer 0 "ADD rootfs"   /etc/os-release 100, /etc/big 5000, /usr/bin/tool 3000, /bin -> usr/bin (7)
     *        layer 1 "RUN apt-get"  /etc/big 7000 (modified), /usr/lib/x.so 2000, removes /usr/bin/tool
     *        layer 2 "COPY app"     /app/main.js 1500, /app/data/blob.bin 4000
     * image 8107 + 9000 + 5500 = 22607; content 14607; wasted 8000 (big's 5000 and tool's 3000).
     *
     * slim:  layer 0 "ADD rootfs"   /etc/os-release 100, /bin -> usr/bin (7)
     *        layer 1 "COPY app"     /app/main.js 1200, /app/extra.txt 10
     */
    static ImageSpec naive() {
        return ImageSpec.builder("naive").tag("explore/naive:1")
                .layer("/bin/sh -c #(nop) ADD file:rootfs in / ", l -> l
                        .file("/etc/os-release", 100, "os").file("/etc/big", 5000, "os")
                        .file("/usr/bin/tool", 3000, "os").symlink("/bin", "usr/bin", "os"))
                .layer("/bin/sh -c apt-get install -y lib", l -> l
                        .file("/etc/big", 7000, "os").file("/usr/lib/x.so", 2000, "os").whiteout("/usr/bin/tool"))
                .layer("COPY app /app # buildkit", l -> l
                        .file("/app/main.js", 1500, "app").file("/app/data/blob.bin", 4000, "app"))
                .build();
    }

    static ImageSpec slim() {
        return ImageSpec.builder("slim").tag("explore/slim:1")
                .layer("/bin/sh -c #(nop) ADD file:rootfs in / ", l -> l
                        .file("/etc/os-release", 100, "os").symlink("/bin", "usr/bin", "os"))
                .layer("COPY app /app # buildkit", l -> l
                        .file("/app/main.js", 1200, "app").file("/app/extra.txt", 10, "app"))
                .build();
    }

    static ImageReport naiveReport;
    static ImageReport slimReport;

    @BeforeAll
    static void write(@TempDir Path dir) throws Exception {
        naiveReport = report(naive(), dir.resolve("naive.tar"));
        slimReport = report(slim(), dir.resolve("slim.tar"));
    }

    static ImageReport report(ImageSpec spec, Path file) throws Exception {
        ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, LayerCompression.NONE, file);
        var a = new Analyzer(ReadOptions.defaults(), null).analyze(ImageReference.parse(file.toString()),
                InputStream.nullInputStream());
        return new ReportBuilder(10).withFiles(true).image(a);
    }

    static Explorer one() {
        return new Explorer(List.of(naiveReport), List.of("explore/naive:1"));
    }

    static Explorer two() {
        return new Explorer(List.of(naiveReport, slimReport), List.of("explore/naive:1", "explore/slim:1"));
    }

    /** The file pane's rows as "MARK SIZE INDENT NAME", one string each, in screen order. */
    static List<String> rows(Explorer e) {
        List<String> out = new ArrayList<>();
        FileView v = e.view();
        for (int order : e.rows()) {
            PathTree.Node n = e.tree().nodes()[order];
            String size = v.compare ? v.size[order] + "|" + v.sizeB[order] : String.valueOf(v.size[order]);
            out.add(v.status[order].mark + " " + size + " " + "  ".repeat(n.depth) + n.name + (n.kidCount > 0 ? "/" : ""));
        }
        return out;
    }

    static void select(Explorer e, int layerRow) {
        if (e.pane() != Explorer.Pane.LAYERS) {
            e.apply(Explorer.Action.NEXT_PANE);
        }
        e.apply(Explorer.Action.TOP);
        for (int i = 0; i < layerRow; i++) {
            e.apply(Explorer.Action.DOWN);
        }
    }

    @Test
    void opensOnTheFirstLayerWithTheTopDirectoriesUnfolded() {
        Explorer e = one();
        assertThat(e.selectedLayer()).isEqualTo(new Explorer.LayerRow(0, 0));
        assertThat(rows(e)).containsExactly(
                "+ 7 bin",
                "  5100 etc/",
                "+ 5000   big",
                "+ 100   os-release",
                "  3000 usr/",
                "  3000   bin/");
    }

    @Test
    void eachLayerShowsTheFilesystemUpToItMarkedByWhatItChanged() {
        Explorer e = one();
        e.apply(Explorer.Action.DOWN);
        e.apply(Explorer.Action.NEXT_PANE);
        e.apply(Explorer.Action.EXPAND_ALL);
        assertThat(rows(e)).containsExactly(
                "  7 bin",
                "  7100 etc/",
                "~ 7000   big",
                "  100   os-release",
                "  2000 usr/",
                "- 3000   bin/",
                "- 3000     tool",
                "  2000   lib/",
                "+ 2000     x.so");
        select(e, 2);
        assertThat(rows(e)).containsExactly(
                "  5500 app/",
                "  4000   data/",
                "+ 4000     blob.bin",
                "+ 1500   main.js",
                "  7 bin",
                "  7100 etc/",
                "  7000   big",
                "  100   os-release",
                "  2000 usr/",
                "  2000   lib/",
                "  2000     x.so");
    }

    @Test
    void changesOnlyShowsWhatTheLayerDid() {
        Explorer e = one();
        e.apply(Explorer.Action.DOWN);
        e.apply(Explorer.Action.CHANGES_ONLY);
        e.apply(Explorer.Action.EXPAND_ALL);
        assertThat(e.changesOnly()).isTrue();
        assertThat(rows(e)).containsExactly(
                "  7000 etc/",
                "~ 7000   big",
                "  2000 usr/",
                "- 3000   bin/",
                "- 3000     tool",
                "  2000   lib/",
                "+ 2000     x.so");
        e.apply(Explorer.Action.CHANGES_ONLY);
        assertThat(e.rows()).hasSize(9);
    }

    @Test
    void aCopyALaterLayerHidesIsMarkedAsWaste() {
        Explorer e = one();
        FileView v = e.view();
        PathTree.Node big = node(e, "/etc/big");
        assertThat(v.hiddenBy[big.order]).isEqualTo(1);
        assertThat(v.hiddenBy[node(e, "/etc/os-release").order]).isEqualTo(-1);
        List<String> screen = text(new ExplorerScreen(false).render(e, 120, 30));
        assertThat(screen).anyMatch(l -> l.contains("big  [wasted: layer 2 hides this copy]"));
        assertThat(screen).noneMatch(l -> l.contains("os-release  [wasted"));
    }

    @Test
    void foldingOneDirectoryOrAll() {
        Explorer e = one();
        e.apply(Explorer.Action.NEXT_PANE);
        e.apply(Explorer.Action.DOWN); // etc/
        e.apply(Explorer.Action.TOGGLE);
        assertThat(rows(e)).containsExactly("+ 7 bin", "  5100 etc/", "  3000 usr/", "  3000   bin/");
        assertThat(e.selectedNode().name).isEqualTo("etc");
        e.apply(Explorer.Action.RIGHT);
        assertThat(rows(e)).hasSize(6);
        e.apply(Explorer.Action.COLLAPSE_ALL);
        assertThat(rows(e)).containsExactly("+ 7 bin", "  5100 etc/", "  3000 usr/");
        e.apply(Explorer.Action.EXPAND_ALL);
        assertThat(rows(e)).hasSize(7);
        e.apply(Explorer.Action.BOTTOM);
        assertThat(e.selectedNode().name).isEqualTo("tool");
        e.apply(Explorer.Action.LEFT);
        assertThat(e.selectedNode().name).isEqualTo("bin");
        e.apply(Explorer.Action.LEFT);
        assertThat(rows(e)).hasSize(6);
    }

    @Test
    void sortsBySize() {
        Explorer e = one();
        select(e, 2);
        e.apply(Explorer.Action.COLLAPSE_ALL);
        assertThat(rows(e)).containsExactly("  5500 app/", "  7 bin", "  7100 etc/", "  2000 usr/");
        e.apply(Explorer.Action.SORT);
        assertThat(rows(e)).containsExactly("  7100 etc/", "  5500 app/", "  2000 usr/", "  7 bin");
    }

    @Test
    void filtersByGlobOrRegexIncrementally() {
        Explorer e = one();
        select(e, 2);
        e.apply(Explorer.Action.FILTER);
        assertThat(e.editingFilter()).isTrue();
        "*.so".chars().forEach(c -> e.typeFilter((char) c));
        assertThat(rows(e)).containsExactly("  2000 usr/", "  2000   lib/", "  2000     x.so");
        e.endFilter(true);
        assertThat(e.editingFilter()).isFalse();
        assertThat(e.filterText()).isEqualTo("*.so");
        e.apply(Explorer.Action.FILTER);
        "\b\b\b\b".chars().forEach(c -> e.eraseFilter());
        "os-rel".chars().forEach(c -> e.typeFilter((char) c));
        assertThat(rows(e)).containsExactly("  100 etc/", "  100   os-release");
        e.eraseFilter();
        e.eraseFilter();
        e.eraseFilter();
        e.eraseFilter();
        e.eraseFilter();
        e.eraseFilter();
        "/app/**".chars().forEach(c -> e.typeFilter((char) c));
        assertThat(rows(e)).containsExactly("  5500 app/", "  4000   data/", "+ 4000     blob.bin", "+ 1500   main.js");
        e.endFilter(false);
        assertThat(e.filterText()).isEmpty();
        assertThat(rows(e)).hasSize(11);
        e.apply(Explorer.Action.FILTER);
        e.typeFilter('[');
        assertThat(e.filterError()).isNotNull();
        assertThat(rows(e)).hasSize(11);
    }

    @Test
    void jumpsToTheLargestFilesInTurn() {
        Explorer e = one();
        select(e, 2);
        e.apply(Explorer.Action.COLLAPSE_ALL);
        e.apply(Explorer.Action.LARGEST);
        assertThat(e.pane()).isEqualTo(Explorer.Pane.FILES);
        assertThat(e.selectedNode().path()).isEqualTo("/etc/big");
        e.apply(Explorer.Action.LARGEST);
        assertThat(e.selectedNode().path()).isEqualTo("/app/data/blob.bin");
        e.apply(Explorer.Action.LARGEST);
        assertThat(e.selectedNode().path()).isEqualTo("/usr/lib/x.so");
    }

    @Test
    void twoImagesMergeTheirFinalFilesystems() {
        Explorer e = two();
        assertThat(e.selectedLayer().isCompare()).isTrue();
        assertThat(e.layerRows()).hasSize(1 + 3 + 2);
        e.apply(Explorer.Action.EXPAND_ALL);
        assertThat(rows(e)).containsExactly(
                "  5500|1210 app/",
                "- 4000|0   data/",
                "- 4000|0     blob.bin",
                "+ 0|10   extra.txt",
                "~ 1500|1200   main.js",
                "  7|7 bin",
                "  7100|100 etc/",
                "- 7000|0   big",
                "  100|100   os-release",
                "- 2000|0 usr/",
                "- 2000|0   lib/",
                "- 2000|0     x.so");
        // B's first layer: the slim image alone.
        select(e, 4);
        assertThat(e.selectedLayer()).isEqualTo(new Explorer.LayerRow(1, 0));
        assertThat(rows(e)).containsExactly("+ 7 bin", "  100 etc/", "+ 100   os-release");
    }

    @Test
    void theScreenShowsEveryPane() {
        Explorer e = two();
        List<String> s = text(new ExplorerScreen(false).render(e, 160, 30));
        assertThat(s).hasSize(30);
        assertThat(s).allMatch(l -> l.length() <= 160);
        assertThat(s.get(2)).contains("▕     A size    B size  Path");
        assertThat(s.get(3)).contains("▕     5.50 kB   1.21 kB ▾ app/");
        assertThat(s.get(0)).isEqualTo(" imgdiff explore · A explore/naive:1 (22.6 kB) vs B explore/slim:1 (1.32 kB)");
        assertThat(s.get(1)).startsWith("● Layers ").contains("  Files · A vs B (final filesystems) · by name");
        assertThat(s.get(2)).startsWith("▶   A vs B  22.6 kB → 1.32 kB  (final filesystems)");
        assertThat(s.get(3)).startsWith(" A  1   8.11 kB ███····· ADD file:rootfs in /");
        assertThat(s.get(4)).startsWith(" A  2   9.00 kB ███····· RUN apt-get install -y lib");
        assertThat(s.get(6)).startsWith(" B  1     107 B █······· ADD file:rootfs in /");
        assertThat(s).anyMatch(l -> l.startsWith("A 22.6 kB → B 1.32 kB (-21.3 kB, 17.2x smaller)"));
        assertThat(s.get(29)).isEqualTo(" " + ExplorerScreen.KEYS);
        e.apply(Explorer.Action.HELP);
        s = text(new ExplorerScreen(false).render(e, 160, 30));
        assertThat(s).anyMatch(l -> l.contains("q  Ctrl-C       quit"));
        e.apply(Explorer.Action.DOWN);
        assertThat(e.helpShown()).isFalse();
        assertThat(e.selectedLayer().isCompare()).isTrue();
    }

    @Test
    void detailsOfAPathListItsSizeInEveryLayer() {
        Explorer e = one();
        e.apply(Explorer.Action.NEXT_PANE);
        e.apply(Explorer.Action.DOWN);
        e.apply(Explorer.Action.DOWN); // /etc/big
        List<String> s = text(new ExplorerScreen(false).render(e, 140, 40));
        String left = s.stream().map(l -> l.substring(0, Math.min(l.length(), 56)).stripTrailing())
                .collect(Collectors.joining("\n"));
        assertThat(left).contains("Path: /etc/big")
                .contains("file · category os · package unowned")
                .contains("layer  1 added    5.00 kB  wasted: layer 2 hides it")
                .contains("layer  2 modified 7.00 kB");
    }

    @Test
    void aTinyTerminalStillGetsAFullScreen() {
        List<String> s = text(new ExplorerScreen(false).render(two(), 20, 6));
        assertThat(s).hasSize(6).allMatch(l -> l.length() <= 20);
    }

    @Test
    void namesFromTheImageAreSanitized() {
        ImageReport.FileEntry evil = new ImageReport.FileEntry("/x\u001b[31mred\u0007", "file", null, "app", -1,
                List.of(new ImageReport.PathChange(0, 'A', 5)));
        ImageReport r = naiveReport.withFiles(new ImageReport.Files(1, List.of(evil)));
        Explorer e = new Explorer(List.of(r), List.of("evil\u001b]0;title\u0007"));
        for (AttributedString line : new ExplorerScreen(true).render(e, 100, 20)) {
            assertThat(line.toString()).doesNotContain("\u001b").doesNotContain("\u0007");
        }
    }

    @Test
    void aVeryDeepPathNeitherOverflowsNorExplodes() {
        String deep = "/d".repeat(20_000) + "/f";
        ImageReport.FileEntry entry = new ImageReport.FileEntry(deep, "file", null, "app", -1,
                List.of(new ImageReport.PathChange(0, 'A', 5)));
        Explorer e = new Explorer(List.of(naiveReport.withFiles(new ImageReport.Files(1, List.of(entry)))),
                List.of("deep"));
        e.apply(Explorer.Action.EXPAND_ALL);
        assertThat(e.rows()).hasSize(20_001);
        e.apply(Explorer.Action.NEXT_PANE);
        e.apply(Explorer.Action.BOTTOM);
        assertThat(e.selectedNode().path()).isEqualTo(deep);
        assertThat(text(new ExplorerScreen(false).render(e, 120, 30))).hasSize(30).allMatch(l -> l.length() <= 120);
        e.apply(Explorer.Action.FILTER);
        e.typeFilter('f');
        e.typeFilter('$');
        assertThat(e.rows()).hasSize(20_001);
    }

    @Test
    void oddPathsInAHandEditedReportDoNotBreakIt() {
        List<ImageReport.FileEntry> odd = new ArrayList<>();
        for (String p : List.of("", "relative/x", "/a/../b", "//c", "/d/", "/e\u202eevil", "/f")) {
            odd.add(new ImageReport.FileEntry(p, "file", null, "app", 99, List.of(new ImageReport.PathChange(0, 'A', -5))));
        }
        odd.add(new ImageReport.FileEntry("/g", "file", null, "app", -1, List.of()));
        Explorer e = new Explorer(List.of(naiveReport.withFiles(new ImageReport.Files(odd.size(), odd))), List.of("odd"));
        e.apply(Explorer.Action.NEXT_PANE);
        e.apply(Explorer.Action.EXPAND_ALL);
        assertThat(rows(e)).contains("+ -5 e\u202eevil", "+ -5 f");
        for (int i = 0; i < 12; i++) {
            e.apply(Explorer.Action.EXPAND_ALL);
            e.apply(Explorer.Action.DOWN);
            e.apply(Explorer.Action.LARGEST);
            assertThat(text(new ExplorerScreen(false).render(e, 100, 24))).hasSize(24)
                    .allMatch(l -> l.length() <= 100).noneMatch(l -> l.contains("\u202e"));
        }
    }

    /**
     * The whole screen, line by line, at 100x22: layer 2 selected, the cursor on /etc/big. Every figure is
     * the spec's: 8107, 9000 and 5500 bytes make bars of 3, 3 and 2 eighths of 22,607; etc/ holds 7000 + 100;
     * usr/ holds lib's 2000 while bin/ shows tool's 3000 as removed.
     */
    @Test
    void drawsTheWholeScreenLineByLine() {
        Explorer e = one();
        e.apply(Explorer.Action.DOWN);
        e.apply(Explorer.Action.NEXT_PANE);
        e.apply(Explorer.Action.DOWN);
        assertThat(text(new ExplorerScreen(false).render(e, 100, 22)))
                .anyMatch(l -> l.startsWith("Directory · 7.10 kB in 2 paths shown "));
        e.apply(Explorer.Action.DOWN);
        List<String> screen = text(new ExplorerScreen(false).render(e, 100, 22)).stream().map(String::stripTrailing).toList();
        assertThat(screen).containsExactly(
                " imgdiff explore · explore/naive:1 · 22.6 kB in 3 layers",
                "  Layers ╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌▕ ● Files · layer 2 of 3 (all up to here) · by name ╌╌╌╌╌╌╌╌",
                "    1   8.11 kB ███····· ADD file:rootfs▕       Size  Path",
                "▶   2   9.00 kB ███····· RUN apt-get ins▕         7 B bin → usr/bin",
                "    3   5.50 kB ██······ COPY app /app  ▕     7.10 kB ▾ etc/",
                "  Details ╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌▕ ~   7.00 kB   big",
                "Path: /etc/big                          ▕       100 B   os-release",
                "file · category os · package unowned    ▕     2.00 kB ▾ usr/",
                "  Size in every layer:                  ▕ -   3.00 kB   ▸ bin/",
                "    layer  1 added    5.00 kB  wasted:  ▕     2.00 kB   ▸ lib/",
                "    layer 2 hides it                    ▕",
                "      ADD file:rootfs in /              ▕",
                "    layer  2 modified 7.00 kB           ▕",
                "      RUN apt-get install -y lib        ▕",
                "                                        ▕",
                "                                        ▕",
                "                                        ▕",
                "                                        ▕",
                "                                        ▕",
                "                                        ▕",
                "                                        ▕",
                " ↑↓/jk move · PgUp/PgDn · g/G · Tab pane · Space fold · e/z all · c changes · s sort · / filter · L");
    }

    static PathTree.Node node(Explorer e, String path) {
        for (PathTree.Node n : e.tree().nodes()) {
            if (n.path().equals(path)) {
                return n;
            }
        }
        throw new AssertionError(path);
    }

    static List<String> text(List<AttributedString> lines) {
        return lines.stream().map(AttributedString::toString).toList();
    }
}
