package dev.imgdiff.cli.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.expect.LayerRecord;
import dev.imgdiff.fixtures.expect.PathRecord;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.ReportBuilder;
import dev.imgdiff.report.Reports;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ReadOptions;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer on the Node pair, against what the fixture generator recorded it wrote. */
class ExplorerStacksTest {
    static StackPair pair;
    static ImageRecord naive;
    static ImageRecord slim;
    static ImageReport naiveReport;
    static ImageReport slimReport;
    static Path dir;

    @BeforeAll
    static void write(@TempDir Path tmp) throws Exception {
        dir = tmp;
        pair = Stacks.pair("node", 0.01);
        naive = Expectations.of(pair.naive());
        slim = Expectations.of(pair.slim());
        ArchiveWriter.write(pair.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, tmp.resolve("a.tar"));
        ArchiveWriter.write(pair.slim(), Shape.OCI_ARCHIVE, LayerCompression.GZIP, tmp.resolve("b.tar"));
        naiveReport = report(tmp.resolve("a.tar"));
        slimReport = report(tmp.resolve("b.tar"));
    }

    static ImageReport report(Path file) throws Exception {
        var a = new Analyzer(ReadOptions.defaults(), null).analyze(ImageReference.parse(file.toString()),
                InputStream.nullInputStream());
        return new ReportBuilder(10).withFiles(true).image(a);
    }

    /** Leaves shown in the current view, path to bytes, with every directory unfolded. */
    static Map<String, Long> leaves(Explorer e, FileView.Status... only) {
        e.apply(Explorer.Action.EXPAND_ALL);
        Set<FileView.Status> want = only.length == 0 ? null : Set.of(only);
        Map<String, Long> out = new HashMap<>();
        FileView v = e.view();
        for (int order : e.rows()) {
            PathTree.Node n = e.tree().nodes()[order];
            if (n.kidCount == 0 && !n.isDirectory() && (want == null || want.contains(v.status[order]))) {
                out.put(n.path(), v.size[order]);
            }
        }
        return out;
    }

    static Map<String, Long> recordLeaves(ImageRecord r) {
        Map<String, Long> out = new HashMap<>();
        r.paths().forEach((p, rec) -> out.put(p, rec.type().equals(PathRecord.HARDLINK) ? 0L : rec.size()));
        return out;
    }

    @Test
    void theLastLayerShowsExactlyTheFinalFilesystem() {
        Explorer e = new Explorer(List.of(naiveReport), List.of("naive"));
        ExplorerTest.select(e, naive.layerCount() - 1);
        // What the last layer removed shows too, marked removed: the rest is the final filesystem.
        Map<String, Long> shown = leaves(e, FileView.Status.ADDED, FileView.Status.MODIFIED, FileView.Status.UNCHANGED);
        assertThat(leaves(e, FileView.Status.REMOVED)).hasSize(naive.layers().get(naive.layerCount() - 1).deleted());
        Map<String, Long> expected = new HashMap<>();
        naive.paths().forEach((p, rec) -> expected.put(p, rec.size()));
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(shown.keySet());
        Set<String> extra = new HashSet<>(shown.keySet());
        extra.removeAll(expected.keySet());
        assertThat(missing).as("recorded but not shown").isEmpty();
        assertThat(extra).as("shown but not recorded").isEmpty();
        long total = shown.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(naive.contentSize());
        assertThat(e.view().size[0]).isEqualTo(naive.contentSize());
    }

    @Test
    void eachLayersChangesMatchTheRecordedCounts() {
        Explorer e = new Explorer(List.of(naiveReport), List.of("naive"));
        e.apply(Explorer.Action.CHANGES_ONLY);
        for (LayerRecord l : naive.layers()) {
            ExplorerTest.select(e, l.index());
            Map<String, Long> added = leaves(e, FileView.Status.ADDED);
            Map<String, Long> modified = leaves(e, FileView.Status.MODIFIED);
            Map<String, Long> removed = leaves(e, FileView.Status.REMOVED);
            assertThat(added).as("layer %d added", l.index()).hasSize(l.added());
            assertThat(sum(added)).as("layer %d added bytes", l.index()).isEqualTo(l.addedBytes());
            assertThat(modified).as("layer %d modified", l.index()).hasSize(l.modified());
            assertThat(sum(modified)).as("layer %d modified bytes", l.index()).isEqualTo(l.modifiedBytes());
            assertThat(removed).as("layer %d removed", l.index()).hasSize(l.deleted());
            assertThat(sum(removed)).as("layer %d removed bytes", l.index()).isEqualTo(l.deletedBytes());
        }
    }

    @Test
    void twoImagesMarkWhatOnlyOneHas() {
        Explorer e = new Explorer(List.of(naiveReport, slimReport), List.of("naive", "slim"));
        Set<String> a = naive.paths().keySet();
        Set<String> b = slim.paths().keySet();
        Set<String> onlyA = new HashSet<>(a);
        onlyA.removeAll(b);
        Set<String> onlyB = new HashSet<>(b);
        onlyB.removeAll(a);
        Set<String> changed = new HashSet<>();
        for (String p : a) {
            if (b.contains(p) && naive.paths().get(p).size() != slim.paths().get(p).size()) {
                changed.add(p);
            }
        }
        assertThat(leaves(e, FileView.Status.ONLY_A).keySet()).isEqualTo(onlyA);
        assertThat(leaves(e, FileView.Status.ONLY_B).keySet()).isEqualTo(onlyB);
        assertThat(leaves(e, FileView.Status.CHANGED).keySet()).isEqualTo(changed);
        assertThat(e.view().size[0]).isEqualTo(naive.contentSize());
        assertThat(e.view().sizeB[0]).isEqualTo(slim.contentSize());
        assertThat(onlyA).isNotEmpty();
    }

    @Test
    void everyPathRecordCarriesTheRecordedBytesCategoryAndOwner() {
        check(naiveReport, naive, pair.naive());
        check(slimReport, slim, pair.slim());
    }

    private static void check(ImageReport report, ImageRecord record, dev.imgdiff.fixtures.ImageSpec spec) {
        Map<String, ImageReport.FileEntry> visible = new HashMap<>();
        for (ImageReport.FileEntry e : report.files().entries()) {
            if (e.visible()) {
                visible.put(e.path(), e);
            }
        }
        assertThat(visible.keySet()).isEqualTo(record.paths().keySet());
        record.paths().forEach((path, rec) -> {
            ImageReport.FileEntry e = visible.get(path);
            assertThat(e.changes().get(e.changes().size() - 1).bytes()).as(path).isEqualTo(rec.size());
            assertThat(e.changes().get(e.changes().size() - 1).layer()).as(path).isEqualTo(rec.layer());
            assertThat(e.category()).as(path).isEqualTo(rec.category());
            assertThat(e.type()).as(path).isEqualTo(rec.type());
            assertThat(report.packages().get(e.pkg()).key()).as(path).isEqualTo(spec.ownerOf(path));
        });
    }

    @Test
    void aSavedReportReopensWithTheSameHistory() throws Exception {
        Path json = dir.resolve("naive.json");
        try (Writer w = Files.newBufferedWriter(json)) {
            new Reports().write(naiveReport, w);
        }
        ImageReport read = (ImageReport) new Reports().read(json);
        assertThat(read.files()).isEqualTo(naiveReport.files());
        assertThat(read.files().count()).isEqualTo(read.files().entries().size());
        assertThat(read.totals()).isEqualTo(naiveReport.totals());
        assertThat(read.layers()).isEqualTo(naiveReport.layers());
        // One line per path, so that a saved report of many paths stays small and greppable.
        List<String> lines = Files.readAllLines(json);
        assertThat(lines.stream().filter(l -> l.strip().startsWith("{\"path\":")).count())
                .isEqualTo(naiveReport.files().count());
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }
}
