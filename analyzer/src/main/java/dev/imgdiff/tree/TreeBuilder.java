package dev.imgdiff.tree;

import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.layer.EntryPaths;
import dev.imgdiff.layer.LayerEntry;
import dev.imgdiff.layer.LayerScan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies layers bottom-up, the way overlay filesystems stack them, and keeps the books: which layer
 * wrote each path, what each layer added, modified and deleted, and which bytes ended up hidden.
 * Whiteouts and opaque markers of a layer act only on what lower layers wrote, wherever they stand in
 * the layer's tar.
 */
final class TreeBuilder {
    private final Node root = new Node("", null, EntryKind.DIR, -1);
    private final Map<String, String> names = new HashMap<>();
    private final List<Waste> waste = new ArrayList<>();
    private final List<LayerDelta> deltas = new ArrayList<>();
    private final Map<String, byte[]> captured = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long imageSize;
    /** dive's per-path tallies: {cumulative size, smallest size, layers seen}. */
    private final Map<String, long[]> dive = new HashMap<>(1 << 18);
    private long diveImageSize;
    private long diveFirstLayer;
    private boolean contentHashed;
    private final boolean withDive;

    /** @param withDive whether to keep dive's per-path tallies (costs a map entry per path) */
    TreeBuilder(boolean withDive) {
        this.withDive = withDive;
    }

    /** The running bookkeeping of the layer being applied. */
    private final class LayerState {
        final int index;
        final List<Change> changes = new ArrayList<>();
        /** Inodes with hard links whose names changed in this layer. */
        final java.util.Set<Inode> shared = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final Map<String, Change> pendingDeleted = new LinkedHashMap<>();
        String cachedDirPath;
        Node cachedDir;

        LayerState(int index) {
            this.index = index;
        }

        void record(Node node, Change c) {
            if (node.changeLayer == index) {
                changes.set(node.changeIndex, c);
            } else {
                node.changeLayer = index;
                node.changeIndex = changes.size();
                changes.add(c);
            }
        }
    }

    void apply(int layer, LayerScan scan) {
        LayerState st = new LayerState(layer);
        imageSize += scan.fileBytes();
        if (withDive) {
            tallyForDive(layer, scan);
        }
        for (LayerEntry e : scan.entries()) {
            if (e.kind() == EntryKind.WHITEOUT) {
                ensureDirs(EntryPaths.parent(e.path()), st);
                Node n = lookup(e.path());
                if (n != null) {
                    remove(n, e.path(), st, Waste.Reason.DELETED);
                }
            } else if (e.kind() == EntryKind.OPAQUE) {
                Node d = ensureDirs(e.path(), st);
                if (d != null && d.isDirectory()) {
                    for (Node child : new ArrayList<>(d.childrenUnsorted())) {
                        remove(child, join(e.path(), child.name()), st, Waste.Reason.OPAQUE);
                    }
                }
            }
        }
        for (LayerEntry e : scan.entries()) {
            if (e.kind() != EntryKind.WHITEOUT && e.kind() != EntryKind.OPAQUE) {
                put(e, st);
            }
        }
        for (Map.Entry<String, byte[]> c : scan.captured().entrySet()) {
            Node n = lookup(c.getKey());
            if (n != null && n.kind() == EntryKind.FILE && n.layer() == layer) {
                captured.put(c.getKey(), c.getValue());
            }
        }
        finishLayer(st, scan.fileBytes());
    }

    /**
     * dive's view of one layer, taken before the layer is applied: its tree's leaves (files, links, and
     * directories with nothing below them in this layer) at their tar sizes, and each whiteout at the size
     * of what it deletes from the layers below.
     */
    private void tallyForDive(int layer, LayerScan scan) {
        // Directories are leaves of the layer's tree only when nothing in the layer lies below them.
        java.util.Set<String> leafDirs = scan.directoryLeaves();
        long layerFiles = 0;
        for (LayerEntry e : scan.entries()) {
            long size;
            String p = e.path();
            switch (e.kind()) {
                case FILE -> {
                    size = e.size();
                    layerFiles += size;
                }
                case WHITEOUT -> size = diveSizeBelow(p);
                case OPAQUE -> {
                    p = join(p, ".wh..opq");
                    size = 0;
                }
                case DIR -> {
                    if (!leafDirs.contains(p)) {
                        continue;
                    }
                    size = 0;
                }
                default -> size = 0;
            }
            // {cumulative, smallest, layers seen, last layer, size counted for the last layer, smallest before it}
            long[] t = dive.computeIfAbsent(p, k -> new long[]{0, Long.MAX_VALUE, 0, -1, 0, Long.MAX_VALUE});
            if (t[3] == layer) {
                // written again in the same layer: dive's layer tree keeps the last entry
                t[0] += size - t[4];
                t[1] = Math.min(t[5], size);
            } else {
                t[0] += size;
                t[5] = t[1];
                t[1] = Math.min(t[1], size);
                t[2]++;
                t[3] = layer;
            }
            t[4] = size;
        }
        diveImageSize += layerFiles;
        if (layer == 0) {
            diveFirstLayer = layerFiles;
        }
    }

    /** Regular-file bytes at or below a path of the filesystem as stacked so far. */
    private long diveSizeBelow(String path) {
        Node n = lookup(path);
        if (n == null) {
            return 0;
        }
        long total = 0;
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(n);
        while (!stack.isEmpty()) {
            Node x = stack.pop();
            if (x.kind() == EntryKind.FILE && x.inode != null) {
                total += x.inode.size;
            }
            for (int i = 0; i < x.childCount(); i++) {
                stack.push(x.kid(i));
            }
        }
        return total;
    }

    private DiveFigures diveFigures() {
        long minimum = 0;
        long discovered = 0;
        long wasted = 0;
        for (long[] t : dive.values()) {
            minimum += t[1];
            discovered += t[0];
            if (t[2] > 1) {
                wasted += t[0];
            }
        }
        double efficiency = discovered == 0 ? 1.0 : (double) minimum / discovered;
        long user = diveImageSize - diveFirstLayer;
        return new DiveFigures(efficiency, wasted, user <= 0 ? 0 : (double) wasted / user, diveImageSize);
    }

    private void finishLayer(LayerState st, long size) {
        for (Inode inode : st.shared) {
            inode.settleCarrier();
        }
        int added = 0;
        int modified = 0;
        long addedBytes = 0;
        long modifiedBytes = 0;
        List<Change> all = new ArrayList<>();
        for (Change c : st.changes) {
            if (c == null) {
                continue;
            }
            c = new Change(c.node(), c.type(), c.node().carried);
            all.add(c);
            if (c.type() == Change.Type.ADDED) {
                added++;
                addedBytes += c.bytes();
            } else {
                modified++;
                modifiedBytes += c.bytes();
            }
        }
        int deleted = 0;
        long deletedBytes = 0;
        for (Change c : st.pendingDeleted.values()) {
            deleted++;
            deletedBytes += c.bytes();
            all.add(c);
        }
        deltas.add(new LayerDelta(st.index, size, added, addedBytes, modified, modifiedBytes, deleted, deletedBytes,
                0, java.util.Collections.unmodifiableList(all)));
    }

    private void put(LayerEntry e, LayerState st) {
        String path = e.path();
        Node parent = ensureDirs(EntryPaths.parent(path), st);
        String base = EntryPaths.baseName(path);
        String name = e.kind() == EntryKind.DIR ? intern(base) : base;
        Node existing = parent.child(name);
        int layer = st.index;
        if (e.kind() == EntryKind.DIR) {
            if (existing == null) {
                parent.addChild(name, EntryKind.DIR, layer).set(EntryKind.DIR, layer, e.mode(), null);
            } else if (existing.isDirectory()) {
                existing.set(EntryKind.DIR, layer, e.mode(), null);
            } else {
                remove(existing, path, st, Waste.Reason.REPLACED);
                parent.addChild(name, EntryKind.DIR, layer).set(EntryKind.DIR, layer, e.mode(), null);
            }
            return;
        }
        Change.Type type;
        Node node;
        if (existing != null && existing.isDirectory()) {
            boolean before = existing.born < layer;
            remove(existing, path, st, Waste.Reason.REPLACED);
            type = before || st.pendingDeleted.remove(path) != null ? Change.Type.MODIFIED : Change.Type.ADDED;
            node = parent.addChild(name, e.kind(), layer);
        } else if (existing != null && existing.changeLayer == layer) {
            // Written again by the same layer: the earlier copy is waste, the path keeps its first verdict.
            release(existing, path, st, Waste.Reason.DUPLICATE_IN_LAYER);
            type = st.changes.get(existing.changeIndex).type();
            node = existing;
        } else if (existing != null) {
            release(existing, path, st, Waste.Reason.OVERWRITTEN);
            type = Change.Type.MODIFIED;
            node = existing;
        } else {
            type = st.pendingDeleted.remove(path) != null ? Change.Type.MODIFIED : Change.Type.ADDED;
            node = parent.addChild(name, e.kind(), layer);
        }
        node.set(e.kind(), layer, e.mode(), e.link());
        node.inode = null;
        node.carried = 0;
        long bytes = 0;
        if (e.kind() == EntryKind.FILE || e.kind() == EntryKind.SYMLINK) {
            node.inode = new Inode(e.size(), layer, node);
            node.inode.hash = e.contentHash();
            contentHashed |= e.contentHash() != null;
            node.inode.names = 1;
            node.carried = e.size();
            bytes = e.size();
        } else if (e.kind() == EntryKind.HARDLINK) {
            Node target = lookup(e.link());
            if (target != null && target.inode != null && target != node) {
                node.inode = target.inode;
                node.inode.names++;
                node.inode.addLink(node);
                st.shared.add(node.inode);
            } else {
                warn("hard link " + path + " points to " + e.link() + ", which is not a file here");
                node.inode = new Inode(0, layer, node);
                node.inode.names = 1;
            }
        }
        if (captured.containsKey(path)) {
            captured.remove(path);
        }
        st.record(node, new Change(node, type, bytes));
    }

    /** Finds or makes the directory at {@code path}, replacing any non-directory on the way. */
    private Node ensureDirs(String path, LayerState st) {
        if (path.equals(st.cachedDirPath) && !st.cachedDir.detached() && st.cachedDir.isDirectory()) {
            return st.cachedDir;
        }
        Node cur = root;
        if (!path.equals("/")) {
            int start = 1;
            while (start <= path.length()) {
                int slash = path.indexOf('/', start);
                int end = slash < 0 ? path.length() : slash;
                String seg = path.substring(start, end);
                Node next = cur.child(seg);
                if (next == null) {
                    next = cur.addChild(intern(seg), EntryKind.DIR, st.index);
                } else if (!next.isDirectory()) {
                    remove(next, path.substring(0, end), st, Waste.Reason.REPLACED);
                    next = cur.addChild(intern(seg), EntryKind.DIR, st.index);
                }
                cur = next;
                start = end + 1;
            }
        }
        st.cachedDirPath = path;
        st.cachedDir = cur;
        return cur;
    }

    /** Removes a node and everything below it; every leaf visible below this layer counts as deleted. */
    private void remove(Node node, String path, LayerState st, Waste.Reason reason) {
        Deque<Node> stack = new ArrayDeque<>();
        Deque<String> paths = new ArrayDeque<>();
        stack.push(node);
        paths.push(path);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            String p = paths.pop();
            if (n.isDirectory()) {
                n.markDetached();
                for (Node c : n.childrenUnsorted()) {
                    stack.push(c);
                    paths.push(join(p, c.name()));
                }
                continue;
            }
            n.markDetached();
            if (n.born < st.index) {
                st.pendingDeleted.put(p, new Change(n, Change.Type.DELETED, n.carried));
            } else {
                // Written earlier by this very layer, then replaced by it: the earlier write cancels out.
                if (n.changeLayer == st.index) {
                    Change old = st.changes.set(n.changeIndex, null);
                    n.changeLayer = -1;
                    if (old != null && old.type() == Change.Type.MODIFIED) {
                        st.pendingDeleted.put(p, new Change(n, Change.Type.DELETED, 0));
                    }
                }
            }
            release(n, p, st, n.born == st.index ? Waste.Reason.DUPLICATE_IN_LAYER : reason);
            captured.remove(p);
        }
        node.parent().removeChild(node);
        st.cachedDirPath = null;
    }

    /** A name of an inode goes away; when it was the last, the inode's bytes are waste. */
    private void release(Node n, String path, LayerState st, Waste.Reason reason) {
        Inode inode = n.inode;
        if (inode == null) {
            return;
        }
        inode.names--;
        if (inode.links != null) {
            st.shared.add(inode);
        }
        if (inode.names == 0 && inode.size > 0) {
            waste.add(new Waste(n, path, inode.layer, st.index, inode.size, reason));
        }
    }

    Node lookup(String path) {
        if (path.equals("/")) {
            return root;
        }
        Node cur = root;
        int start = 1;
        while (cur != null && start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            cur = cur.child(path.substring(start, end));
            start = end + 1;
        }
        return cur;
    }

    private String intern(String s) {
        String have = names.putIfAbsent(s, s);
        return have == null ? s : have;
    }

    private void warn(String w) {
        if (warnings.size() < 50) {
            warnings.add(w);
        }
    }

    private static String join(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    FileTree finish() {
        // Every visible name already carries its bytes (see Inode.settleCarrier); directories sum them.
        int dirCount = sumDirectories();
        long content = root.size();
        long wasted = 0;
        long[] perLayer = new long[deltas.size()];
        for (Waste w : waste) {
            wasted += w.bytes();
            if (w.writtenBy() >= 0 && w.writtenBy() < perLayer.length) {
                perLayer[w.writtenBy()] += w.bytes();
            }
        }
        List<LayerDelta> done = new ArrayList<>();
        for (LayerDelta d : deltas) {
            done.add(new LayerDelta(d.index(), d.size(), d.added(), d.addedBytes(), d.modified(), d.modifiedBytes(),
                    d.deleted(), d.deletedBytes(), perLayer[d.index()], d.changes()));
        }
        if (content + wasted != imageSize) {
            throw new IllegalStateException("accounting error: content " + content + " + wasted " + wasted
                    + " != image " + imageSize);
        }
        return new FileTree(root, done, waste, imageSize, content, wasted, root.files(), dirCount, captured, warnings,
                withDive ? diveFigures() : null, contentHashed);
    }

    /** Post-order sums without recursion (paths can be deep in hostile images); returns the directory count. */
    private int sumDirectories() {
        List<Node> dirs = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            dirs.add(n);
            int k = n.childCount();
            for (int i = 0; i < k; i++) {
                Node c = n.kid(i);
                if (c.isDirectory()) {
                    stack.push(c);
                } else {
                    c.setSize(c.carried);
                }
            }
        }
        for (int j = dirs.size() - 1; j >= 0; j--) {
            Node d = dirs.get(j);
            long size = 0;
            int files = 0;
            int k = d.childCount();
            for (int i = 0; i < k; i++) {
                Node c = d.kid(i);
                size += c.size();
                files += c.files();
            }
            d.setSize(size);
            d.setFiles(files);
        }
        return dirs.size() - 1;
    }

}
