package dev.imgdiff.tree;

import dev.imgdiff.layer.LayerScan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;

/**
 * The final filesystem of an image with the provenance of every path, what each layer changed, and
 * the bytes that the layers ship but the final filesystem hides.
 */
public final class FileTree {
    private final Node root;
    private final List<LayerDelta> layers;
    private final List<Waste> waste;
    private final long imageSize;
    private final long contentSize;
    private final long wastedBytes;
    private final int files;
    private final int directories;
    private final Map<String, byte[]> captured;
    private final List<String> warnings;
    private final DiveFigures dive;
    private final boolean contentHashed;

    FileTree(Node root, List<LayerDelta> layers, List<Waste> waste, long imageSize, long contentSize,
             long wastedBytes, int files, int directories, Map<String, byte[]> captured, List<String> warnings,
             DiveFigures dive, boolean contentHashed) {
        this.dive = dive;
        this.contentHashed = contentHashed;
        this.root = root;
        this.layers = List.copyOf(layers);
        this.waste = List.copyOf(waste);
        this.imageSize = imageSize;
        this.contentSize = contentSize;
        this.wastedBytes = wastedBytes;
        this.files = files;
        this.directories = directories;
        this.captured = Map.copyOf(captured);
        this.warnings = List.copyOf(warnings);
    }

    /** Stacks the scans of an image's layers, bottom first (with dive's figures). */
    public static FileTree build(List<LayerScan> scans) {
        Builder b = builder(true);
        scans.forEach(b::add);
        return b.build();
    }

    /**
     * Stacks layers one at a time, bottom first, as their scans arrive.
     *
     * @param withDive whether to compute dive's figures too
     */
    public static Builder builder(boolean withDive) {
        return new Builder(withDive);
    }

    /** Applies layers in order; {@link #build()} finishes the tree. */
    public static final class Builder {
        private final TreeBuilder tree;
        private int next;

        private Builder(boolean withDive) {
            tree = new TreeBuilder(withDive);
        }

        /** Applies the next layer. */
        public void add(LayerScan scan) {
            tree.apply(next++, scan);
        }

        public FileTree build() {
            return tree.finish();
        }
    }

    public Node root() {
        return root;
    }

    /** The node at an absolute path in the final filesystem, or null. */
    public Node find(String path) {
        if (path.equals("/")) {
            return root;
        }
        Node cur = root;
        for (String seg : path.substring(1).split("/")) {
            if (cur == null) {
                return null;
            }
            cur = cur.child(seg);
        }
        return cur;
    }

    /** Calls {@code action} for every visible non-directory node, in no particular order. */
    public void forEachLeaf(Consumer<Node> action) {
        forEachNode(n -> {
            if (!n.isDirectory()) {
                action.accept(n);
            }
        });
    }

    /** Calls {@code action} for every visible node, the root included, parents before children. */
    public void forEachNode(Consumer<Node> action) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            action.accept(n);
            int k = n.childCount();
            for (int i = 0; i < k; i++) {
                stack.push(n.kid(i));
            }
        }
    }

    public List<LayerDelta> layers() {
        return layers;
    }

    public List<Waste> waste() {
        return waste;
    }

    /** Sum of the layer sizes. */
    public long imageSize() {
        return imageSize;
    }

    /** Bytes of regular files visible in the final filesystem, hard-linked files once. */
    public long contentSize() {
        return contentSize;
    }

    /** imageSize − contentSize, accounted copy by copy. */
    public long wastedBytes() {
        return wastedBytes;
    }

    /** Visible non-directory entries. */
    public int files() {
        return files;
    }

    /** Visible directories, the root excluded. */
    public int directories() {
        return directories;
    }

    /** The content of captured files visible in the final filesystem, by path. */
    public Map<String, byte[]> captured() {
        return captured;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** Whether the scan hashed file content (duplicate detection). */
    public boolean contentHashed() {
        return contentHashed;
    }

    /** Waste and efficiency as dive computes them, or null when not asked for. */
    public DiveFigures dive() {
        return dive;
    }
}
