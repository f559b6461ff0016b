package dev.imgdiff.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.layer.Compression;
import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.layer.LayerEntry;
import dev.imgdiff.layer.LayerScan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stacking rules, with expected figures worked out by hand for each case. */
class FileTreeTest {
    static LayerEntry file(String p, long size) {
        return new LayerEntry(p, EntryKind.FILE, size, null, 0644);
    }

    static LayerEntry dir(String p) {
        return new LayerEntry(p, EntryKind.DIR, 0, null, 0755);
    }

    static LayerEntry link(String p, String target) {
        return new LayerEntry(p, EntryKind.HARDLINK, 0, target, 0644);
    }

    static LayerEntry symlink(String p, String target) {
        return new LayerEntry(p, EntryKind.SYMLINK, 0, target, 0777);
    }

    static LayerEntry whiteout(String p) {
        return new LayerEntry(p, EntryKind.WHITEOUT, 0, null, 0);
    }

    static LayerEntry opaque(String p) {
        return new LayerEntry(p, EntryKind.OPAQUE, 0, null, 0);
    }

    static LayerScan scan(LayerEntry... entries) {
        long bytes = 0;
        for (LayerEntry e : entries) {
            bytes += e.size();
        }
        return new LayerScan(List.of(entries), Map.of(), bytes, -1, Compression.NONE, null, List.of());
    }

    @Test
    void overwriteAndWhiteoutAreWasteOfTheLayerBelow() {
        FileTree t = FileTree.build(List.of(
                scan(dir("/app"), file("/app/a", 100), file("/app/b", 50), file("/etc/x", 7)),
                scan(file("/app/a", 30), whiteout("/app/b"), file("/app/c", 5))));
        assertThat(t.imageSize()).isEqualTo(192);
        assertThat(t.contentSize()).isEqualTo(42);
        assertThat(t.wastedBytes()).isEqualTo(150);
        LayerDelta l0 = t.layers().get(0);
        assertThat(l0.added()).isEqualTo(3);
        assertThat(l0.addedBytes()).isEqualTo(157);
        assertThat(l0.wastedBytes()).isEqualTo(150);
        LayerDelta l1 = t.layers().get(1);
        assertThat(l1.added()).isEqualTo(1);
        assertThat(l1.addedBytes()).isEqualTo(5);
        assertThat(l1.modified()).isEqualTo(1);
        assertThat(l1.modifiedBytes()).isEqualTo(30);
        assertThat(l1.deleted()).isEqualTo(1);
        assertThat(l1.deletedBytes()).isEqualTo(50);
        assertThat(l1.wastedBytes()).isZero();
        assertThat(t.files()).isEqualTo(3);
        assertThat(t.directories()).isEqualTo(2);
        assertThat(t.find("/app/a").layer()).isEqualTo(1);
        assertThat(t.find("/app/b")).isNull();
        assertThat(t.waste()).extracting(Waste::path, Waste::bytes, Waste::writtenBy, Waste::hiddenBy, Waste::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/app/a", 100L, 0, 1, Waste.Reason.OVERWRITTEN),
                        org.assertj.core.groups.Tuple.tuple("/app/b", 50L, 0, 1, Waste.Reason.DELETED));
    }

    @Test
    void opaqueHidesOnlyLowerLayersWhereverItStands() {
        FileTree t = FileTree.build(List.of(
                scan(file("/d/old1", 10), file("/d/sub/old2", 20), file("/keep", 1)),
                scan(file("/d/before", 3), opaque("/d"), file("/d/after", 4), file("/d/sub/new", 5))));
        assertThat(t.find("/d/old1")).isNull();
        assertThat(t.find("/d/sub/old2")).isNull();
        assertThat(t.find("/d/before")).isNotNull();
        assertThat(t.find("/d/after")).isNotNull();
        assertThat(t.find("/d/sub/new")).isNotNull();
        assertThat(t.contentSize()).isEqualTo(13);
        assertThat(t.wastedBytes()).isEqualTo(30);
        LayerDelta l1 = t.layers().get(1);
        assertThat(l1.deleted()).isEqualTo(2);
        assertThat(l1.deletedBytes()).isEqualTo(30);
        assertThat(l1.added()).isEqualTo(3);
    }

    @Test
    void recreatingAPathThatTheSameLayerDeletedIsAModification() {
        FileTree t = FileTree.build(List.of(
                scan(file("/d/x", 10)),
                scan(opaque("/d"), file("/d/x", 12))));
        LayerDelta l1 = t.layers().get(1);
        assertThat(l1.modified()).isEqualTo(1);
        assertThat(l1.modifiedBytes()).isEqualTo(12);
        assertThat(l1.deleted()).isZero();
        assertThat(l1.added()).isZero();
        assertThat(t.wastedBytes()).isEqualTo(10);
    }

    @Test
    void hardLinkedBytesCountOnceAndStayVisibleThroughAnyName() {
        FileTree t = FileTree.build(List.of(
                scan(file("/bin/busybox", 1000), link("/bin/sh", "/bin/busybox"), link("/bin/ls", "/bin/busybox")),
                scan(whiteout("/bin/busybox"))));
        assertThat(t.imageSize()).isEqualTo(1000);
        assertThat(t.contentSize()).isEqualTo(1000);
        assertThat(t.wastedBytes()).isZero();
        // The earliest-written surviving name carries the bytes.
        assertThat(t.find("/bin/sh").size()).isEqualTo(1000);
        assertThat(t.find("/bin/ls").size()).isZero();
        assertThat(t.files()).isEqualTo(2);
        LayerDelta l1 = t.layers().get(1);
        assertThat(l1.deleted()).isEqualTo(1);
        assertThat(l1.deletedBytes()).isEqualTo(1000);
    }

    @Test
    void deletingEveryNameOfAHardLinkWastesItsBytesOnce() {
        FileTree t = FileTree.build(List.of(
                scan(file("/a", 300), link("/b", "/a")),
                scan(whiteout("/a"), whiteout("/b"))));
        assertThat(t.contentSize()).isZero();
        assertThat(t.wastedBytes()).isEqualTo(300);
        assertThat(t.waste()).hasSize(1);
    }

    @Test
    void aPathWrittenTwiceInOneLayerCountsOnceAndWastesTheFirstCopy() {
        FileTree t = FileTree.build(List.of(
                scan(file("/x", 100), file("/x", 40))));
        assertThat(t.imageSize()).isEqualTo(140);
        assertThat(t.contentSize()).isEqualTo(40);
        assertThat(t.wastedBytes()).isEqualTo(100);
        LayerDelta l0 = t.layers().get(0);
        assertThat(l0.added()).isEqualTo(1);
        assertThat(l0.addedBytes()).isEqualTo(40);
        assertThat(t.waste().get(0).reason()).isEqualTo(Waste.Reason.DUPLICATE_IN_LAYER);
    }

    @Test
    void aFileReplacingADirectoryHidesTheSubtree() {
        FileTree t = FileTree.build(List.of(
                scan(file("/p/a", 10), file("/p/b/c", 20), file("/q", 5)),
                scan(file("/p", 1), dir("/q"), file("/q/z", 2))));
        assertThat(t.find("/p").isDirectory()).isFalse();
        assertThat(t.find("/q").isDirectory()).isTrue();
        LayerDelta l1 = t.layers().get(1);
        // /p was a directory below: the new file modifies the path; its two files are deleted.
        assertThat(l1.modified()).isEqualTo(1);
        assertThat(l1.deleted()).isEqualTo(3);
        assertThat(l1.deletedBytes()).isEqualTo(35);
        assertThat(l1.added()).isEqualTo(1);
        assertThat(t.contentSize()).isEqualTo(3);
        assertThat(t.wastedBytes()).isEqualTo(35);
    }

    @Test
    void implicitParentsExistAndSymlinksHoldNoBytes() {
        FileTree t = FileTree.build(List.of(
                scan(file("/a/b/c/d.txt", 9), symlink("/a/l", "b/c"), symlink("/loop1", "/loop2"), symlink("/loop2", "/loop1"))));
        assertThat(t.directories()).isEqualTo(3);
        assertThat(t.files()).isEqualTo(4);
        assertThat(t.find("/a").size()).isEqualTo(9);
        assertThat(t.find("/a/l").link()).isEqualTo("b/c");
        assertThat(t.find("/a").layer()).isZero();
    }

    @Test
    void diveCountsEveryCopyOfARepeatedPathAndWhiteoutsOnceMore() {
        FileTree t = FileTree.build(List.of(
                scan(file("/a", 100), file("/b", 50), file("/keep", 7)),
                scan(file("/a", 30), whiteout("/b"))));
        // dive: /a seen as 100 and 30; /b as 50 and again 50 (the whiteout, sized by what it deletes);
        // /keep once (7). Efficiency = (30 + 50 + 7) / (130 + 100 + 7); wasted = 130 + 100;
        // image = 157 + 30; user part = 30.
        DiveFigures d = t.dive();
        assertThat(d.efficiency()).isEqualTo(87.0 / 237.0);
        assertThat(d.wastedBytes()).isEqualTo(230);
        assertThat(d.imageSize()).isEqualTo(187);
        assertThat(d.userWastedPercent()).isEqualTo(230.0 / 30.0);
        // ours: only the hidden copies (100 of /a, 50 of /b) are waste
        assertThat(t.wastedBytes()).isEqualTo(150);
    }

    @Test
    void diveSizesAWhiteoutOfADirectoryByEverythingBelowIt() {
        FileTree t = FileTree.build(List.of(
                scan(dir("/d"), file("/d/x", 10), file("/d/y/z", 20), symlink("/d/l", "x")),
                scan(whiteout("/d"))));
        DiveFigures d = t.dive();
        // L0 leaves: /d/x 10, /d/y/z 20, /d/l 0 (tar size); L1: /d 30. No path twice: nothing wasted.
        assertThat(d.wastedBytes()).isZero();
        assertThat(d.efficiency()).isEqualTo(1.0);
    }

    @Test
    void whiteoutOfAMissingPathChangesNothing() {
        FileTree t = FileTree.build(List.of(scan(file("/a", 1)), scan(whiteout("/nope"))));
        assertThat(t.layers().get(1).deleted()).isZero();
        assertThat(t.contentSize()).isEqualTo(1);
    }
}
