package dev.imgdiff.cli.explore;

import dev.imgdiff.report.ImageReport;
import java.util.List;

/**
 * What the file pane shows for one layer of one image (or for two images' final filesystems): each
 * node's status and size, as arrays indexed by {@link PathTree.Node#order}.
 */
final class FileView {
    /** How a path stands in a view. */
    enum Status {
        ADDED('+'), MODIFIED('~'), REMOVED('-'), UNCHANGED(' '), ONLY_A('-'), ONLY_B('+'), CHANGED('~'), SAME(' '),
        /** A directory with something shown below it. */
        DIR(' ');

        final char mark;

        Status(char mark) {
            this.mark = mark;
        }
    }

    private final PathTree tree;
    /** Null where a node is not shown. */
    final Status[] status;
    /** Single image: bytes as of the layer; two images: bytes in A. */
    final long[] size;
    /** For a directory, the non-directory paths shown below it; 1 for a shown leaf. */
    final int[] files;
    /** Two images: bytes in B; null otherwise. */
    final long[] sizeB;
    /** Single image: the later layer that hides this copy of a leaf, or -1. */
    final int[] hiddenBy;
    final boolean compare;
    /** Two images: whether A (B) has the node, or something below it; null otherwise. */
    final boolean[] inA;
    final boolean[] inB;

    private FileView(PathTree tree, boolean compare) {
        this.tree = tree;
        this.compare = compare;
        int n = tree.size();
        status = new Status[n];
        size = new long[n];
        files = new int[n];
        sizeB = compare ? new long[n] : null;
        hiddenBy = compare ? null : new int[n];
        inA = compare ? new boolean[n] : null;
        inB = compare ? new boolean[n] : null;
    }

    /**
     * The filesystem of image {@code side} as of {@code layer}: every path present, marked by what this
     * layer did; with {@code changesOnly}, just the paths this layer added, modified or removed.
     */
    static FileView layer(PathTree tree, int side, int layer, boolean changesOnly, Filter filter) {
        FileView v = new FileView(tree, false);
        PathTree.Node[] nodes = tree.nodes();
        boolean[] mask = filter.mask(tree);
        for (PathTree.Node node : nodes) {
            ImageReport.FileEntry e = node.entry(side);
            if (e == null) {
                continue;
            }
            int i = node.order;
            v.hiddenBy[i] = -1;
            List<ImageReport.PathChange> ch = e.changes();
            int at = -1;
            for (int k = 0; k < ch.size() && ch.get(k).layer() <= layer; k++) {
                at = k;
            }
            if (at < 0) {
                continue;
            }
            ImageReport.PathChange c = ch.get(at);
            boolean here = c.layer() == layer;
            if (c.change() == 'D') {
                if (!here) {
                    continue;
                }
                v.status[i] = Status.REMOVED;
            } else if (here) {
                v.status[i] = c.change() == 'A' ? Status.ADDED : Status.MODIFIED;
            } else if (changesOnly) {
                continue;
            } else {
                v.status[i] = Status.UNCHANGED;
            }
            if (mask != null && !mask[i]) {
                v.status[i] = null;
                continue;
            }
            v.size[i] = c.bytes();
            if (c.change() != 'D' && at + 1 < ch.size()) {
                v.hiddenBy[i] = ch.get(at + 1).layer();
            }
        }
        v.rollUp(nodes);
        return v;
    }

    /** Both images' final filesystems side by side. */
    static FileView compare(PathTree tree, Filter filter) {
        FileView v = new FileView(tree, true);
        PathTree.Node[] nodes = tree.nodes();
        boolean[] mask = filter.mask(tree);
        for (PathTree.Node node : nodes) {
            if (node.isDirectory()) {
                continue;
            }
            int i = node.order;
            boolean inA = node.a != null && node.a.visible();
            boolean inB = node.b != null && node.b.visible();
            if (!inA && !inB || mask != null && !mask[i]) {
                continue;
            }
            long a = inA ? last(node.a) : 0;
            long b = inB ? last(node.b) : 0;
            v.size[i] = a;
            v.sizeB[i] = b;
            v.inA[i] = inA;
            v.inB[i] = inB;
            v.status[i] = !inB ? Status.ONLY_A : !inA ? Status.ONLY_B : a != b ? Status.CHANGED : Status.SAME;
        }
        v.rollUp(nodes);
        return v;
    }

    private static long last(ImageReport.FileEntry e) {
        return e.changes().get(e.changes().size() - 1).bytes();
    }

    /**
     * Directories show when something below them does, with the sum of what it holds; a directory that
     * holds only removed paths shows as removed, with the bytes they held.
     */
    private void rollUp(PathTree.Node[] nodes) {
        long[] gone = new long[nodes.length];
        boolean[] live = new boolean[nodes.length];
        for (int i = nodes.length - 1; i > 0; i--) {
            PathTree.Node n = nodes[i];
            if (status[i] == null) {
                continue;
            }
            if (n.kidCount == 0) {
                files[i] = 1;
            }
            files[n.parent.order] += files[i];
            if (n.kidCount > 0 && status[i] == Status.DIR && !live[i] && gone[i] > 0) {
                status[i] = Status.REMOVED;
                size[i] = gone[i];
            }
            if (compare && status[i] == Status.DIR && inA[i] != inB[i]) {
                status[i] = inA[i] ? Status.ONLY_A : Status.ONLY_B;
            }
            int p = n.parent.order;
            if (status[p] == null) {
                status[p] = Status.DIR;
            }
            if (status[i] == Status.REMOVED) {
                gone[p] += n.kidCount > 0 ? gone[i] : size[i];
                live[p] |= live[i];
            } else {
                live[p] = true;
                size[p] += size[i];
                if (sizeB != null) {
                    sizeB[p] += sizeB[i];
                    inA[p] |= inA[i];
                    inB[p] |= inB[i];
                }
            }
        }
    }

    boolean shown(PathTree.Node n) {
        return status[n.order] != null;
    }

    PathTree tree() {
        return tree;
    }
}
