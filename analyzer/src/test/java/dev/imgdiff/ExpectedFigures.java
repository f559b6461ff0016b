package dev.imgdiff;


import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.CategoryTotal;
import dev.imgdiff.analysis.LayerInfo;
import dev.imgdiff.fixtures.expect.CategoryRecord;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.expect.LayerRecord;
import dev.imgdiff.fixtures.expect.PathRecord;
import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.tree.Node;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/** Compares an analysis with what the fixture generator recorded that it wrote, figure by figure. */
public final class ExpectedFigures {
    private ExpectedFigures() {
    }

    public static void assertMatches(Analysis a, ImageRecord r) {
        SoftAssertions soft = new SoftAssertions();
        String name = r.name();
        soft.assertThat(a.imageSize()).as(name + " image size").isEqualTo(r.imageSize());
        soft.assertThat(a.contentSize()).as(name + " content size").isEqualTo(r.contentSize());
        soft.assertThat(a.wastedBytes()).as(name + " wasted").isEqualTo(r.wastedBytes());
        soft.assertThat(a.imageSize()).as(name + " image = content + wasted")
                .isEqualTo(a.contentSize() + a.wastedBytes());
        if (r.compressedSize() != null) {
            soft.assertThat(a.compressedSize()).as(name + " compressed size").isEqualTo(r.compressedSize());
        }
        soft.assertThat(a.layers()).as(name + " layers").hasSize(r.layerCount());
        soft.assertThat(a.config().history()).as(name + " history").hasSize(r.historyCount());
        soft.assertThat((long) a.tree().files()).as(name + " files").isEqualTo(r.files());
        soft.assertThat((long) a.tree().directories()).as(name + " directories").isEqualTo(r.directories());
        for (int i = 0; i < Math.min(a.layers().size(), r.layers().size()); i++) {
            LayerInfo l = a.layers().get(i);
            LayerRecord lr = r.layers().get(i);
            String ln = name + " layer " + i + " ";
            soft.assertThat(l.createdBy()).as(ln + "created_by").isEqualTo(lr.createdBy());
            soft.assertThat(l.delta().size()).as(ln + "size").isEqualTo(lr.size());
            if (lr.compressedSize() != null) {
                soft.assertThat(l.compressedSize()).as(ln + "compressed").isEqualTo(lr.compressedSize());
            }
            if (lr.digest() != null && l.digest() != null) {
                soft.assertThat(l.digest()).as(ln + "digest").isEqualTo(lr.digest());
            }
            if (lr.diffId() != null) {
                soft.assertThat(l.diffId()).as(ln + "diff id").isEqualTo(lr.diffId());
            }
            soft.assertThat(l.delta().added()).as(ln + "added").isEqualTo(lr.added());
            soft.assertThat(l.delta().addedBytes()).as(ln + "added bytes").isEqualTo(lr.addedBytes());
            soft.assertThat(l.delta().modified()).as(ln + "modified").isEqualTo(lr.modified());
            soft.assertThat(l.delta().modifiedBytes()).as(ln + "modified bytes").isEqualTo(lr.modifiedBytes());
            soft.assertThat(l.delta().deleted()).as(ln + "deleted").isEqualTo(lr.deleted());
            soft.assertThat(l.delta().deletedBytes()).as(ln + "deleted bytes").isEqualTo(lr.deletedBytes());
            soft.assertThat(l.delta().wastedBytes()).as(ln + "wasted").isEqualTo(lr.wastedBytes());
        }
        for (CategoryTotal c : a.categories()) {
            CategoryRecord cr = r.categories().get(c.category().label());
            String cn = name + " category " + c.category().label() + " ";
            soft.assertThat(cr).as(cn + "recorded").isNotNull();
            if (cr != null) {
                soft.assertThat(c.bytes()).as(cn + "bytes").isEqualTo(cr.bytes());
                soft.assertThat((long) c.files()).as(cn + "files").isEqualTo(cr.files());
                soft.assertThat(c.wastedBytes()).as(cn + "wasted").isEqualTo(cr.wastedBytes());
            }
        }
        if (r.packages() != null) {
            Map<String, long[]> ours = new HashMap<>();
            for (dev.imgdiff.attribute.PackageAttribution.PackageTotal t : a.packages().totals()) {
                ours.put(t.pkg().key(), new long[]{t.bytes(), t.files()});
            }
            soft.assertThat(ours.keySet()).as(name + " packages").containsExactlyInAnyOrderElementsOf(r.packages().keySet());
            r.packages().forEach((key, pr) -> {
                long[] o = ours.get(key);
                if (o != null) {
                    soft.assertThat(o[0]).as(name + " package " + key + " bytes").isEqualTo(pr.bytes());
                    soft.assertThat(o[1]).as(name + " package " + key + " files").isEqualTo((long) pr.files());
                }
            });
        }
        if (r.paths() != null) {
            Map<String, Node> leaves = new HashMap<>();
            a.tree().forEachLeaf(n -> leaves.put(n.path(), n));
            soft.assertThat(leaves.keySet()).as(name + " visible paths").containsExactlyInAnyOrderElementsOf(r.paths().keySet());
            for (Map.Entry<String, PathRecord> e : r.paths().entrySet()) {
                Node n = leaves.get(e.getKey());
                if (n == null) {
                    continue;
                }
                PathRecord pr = e.getValue();
                String pn = name + " " + e.getKey() + " ";
                soft.assertThat(kind(n.kind())).as(pn + "type").isEqualTo(pr.type());
                soft.assertThat(n.size()).as(pn + "size").isEqualTo(pr.size());
                soft.assertThat(n.layer()).as(pn + "layer").isEqualTo(pr.layer());
                soft.assertThat(a.categorizer().of(n).label()).as(pn + "category").isEqualTo(pr.category());
                if (pr.linkTarget() != null) {
                    soft.assertThat(n.link()).as(pn + "link").isEqualTo(pr.linkTarget());
                }
            }
        }
        soft.assertAll();
    }

    private static String kind(EntryKind k) {
        return switch (k) {
            case FILE -> PathRecord.FILE;
            case SYMLINK -> PathRecord.SYMLINK;
            case HARDLINK -> PathRecord.HARDLINK;
            default -> k.name().toLowerCase();
        };
    }

}
