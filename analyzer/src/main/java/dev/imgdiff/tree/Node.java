package dev.imgdiff.tree;

import dev.imgdiff.layer.EntryKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A path of the merged filesystem. Leaves carry the bytes attributed to them ({@link #size()}: a file's
 * bytes, or for a hard-link group, the bytes on one of its visible names); directories carry the sum of
 * what is below them once the tree is finished. Nodes removed by a later layer stay reachable from the
 * change lists and waste records, detached from the tree.
 */
public final class Node {
    private static final Comparator<Node> BY_NAME = Comparator.comparing(n -> n.name);
    /** Directories with more children than this get a hash index for lookups by name. */
    private static final int INDEX_AT = 12;

    private final String name;
    private Node parent;
    private EntryKind kind;
    private int layer;
    private int mode;
    private String link;
    Inode inode;
    private long size;
    private int files;
    /** Children in no particular order; an index by name once there are many. */
    private Node[] kids;
    private int kidCount;
    private Map<String, Node> index;
    /** This node's position in its parent's array. */
    private int slot;
    private boolean detached;
    /** The layer that created this node: it was not visible below that layer. */
    final int born;
    /** The layer whose change list holds this node, and where. */
    int changeLayer = -1;
    int changeIndex;
    /** The bytes this name carries as of the end of the last layer applied. */
    long carried;
    private byte category = -1;

    Node(String name, Node parent, EntryKind kind, int layer) {
        this.name = name;
        this.parent = parent;
        this.kind = kind;
        this.layer = layer;
        this.born = layer;
    }

    public String name() {
        return name;
    }

    public Node parent() {
        return parent;
    }

    public EntryKind kind() {
        return kind;
    }

    public boolean isDirectory() {
        return kind == EntryKind.DIR;
    }

    /** The layer (0-based) that last wrote this path; for directories made implicitly, the layer that needed them. */
    public int layer() {
        return layer;
    }

    public int mode() {
        return mode;
    }

    /** The symlink target as stored, or the absolute hard link target; null otherwise. */
    public String link() {
        return link;
    }

    /** Content bytes: for a leaf its attributed bytes, for a directory the sum below it. */
    public long size() {
        return size;
    }

    /** The bytes of the file this node names, whether or not they are attributed to it. */
    public long fileBytes() {
        return inode == null ? 0 : inode.size;
    }

    /** For a directory, the number of non-directory entries below it; 1 for a leaf. */
    public int files() {
        return kind == EntryKind.DIR ? files : 1;
    }

    /** The SHA-256 of a file's bytes when the scan hashed content, else null. */
    public byte[] contentHash() {
        return inode == null || kind == EntryKind.SYMLINK ? null : inode.hash;
    }

    /** Whether a later layer removed this node from the filesystem. */
    public boolean detached() {
        return detached;
    }

    /** The category ordinal the analysis gave this node, or -1 before it did. */
    public int category() {
        return category;
    }

    /** Set by the analysis once, before the tree is shared. */
    public void setCategory(int ordinal) {
        this.category = (byte) ordinal;
    }

    /** The absolute path ("/" for the root). */
    public String path() {
        if (parent == null) {
            return "/";
        }
        List<String> parts = new ArrayList<>();
        for (Node n = this; n.parent != null; n = n.parent) {
            parts.add(n.name);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append('/').append(parts.get(i));
        }
        return sb.toString();
    }

    /** The children sorted by name (empty for leaves). */
    public List<Node> children() {
        if (kidCount == 0) {
            return List.of();
        }
        Node[] copy = Arrays.copyOf(kids, kidCount);
        Arrays.sort(copy, BY_NAME);
        return Collections.unmodifiableList(Arrays.asList(copy));
    }

    /** The child of that name, or null. */
    public Node child(String childName) {
        if (index != null) {
            return index.get(childName);
        }
        for (int i = 0; i < kidCount; i++) {
            if (kids[i].name.equals(childName)) {
                return kids[i];
            }
        }
        return null;
    }

    /** How many children a directory has. */
    public int childCount() {
        return kidCount;
    }

    /** The children in no particular order: cheaper than {@link #children()} when order does not matter. */
    public List<Node> childrenUnsorted() {
        return kidCount == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(kids).subList(0, kidCount));
    }

    /** Calls {@code action} for each child, in no particular order. */
    void forEachChild(java.util.function.Consumer<Node> action) {
        for (int i = 0; i < kidCount; i++) {
            action.accept(kids[i]);
        }
    }

    Node kid(int i) {
        return kids[i];
    }

    Node addChild(String childName, EntryKind childKind, int childLayer) {
        Node n = new Node(childName, this, childKind, childLayer);
        if (kids == null) {
            kids = new Node[4];
        } else if (kidCount == kids.length) {
            kids = Arrays.copyOf(kids, kidCount * 2);
        }
        n.slot = kidCount;
        kids[kidCount++] = n;
        if (index != null) {
            index.put(childName, n);
        } else if (kidCount > INDEX_AT) {
            index = new HashMap<>(kidCount * 2);
            for (int i = 0; i < kidCount; i++) {
                index.put(kids[i].name, kids[i]);
            }
        }
        return n;
    }

    void removeChild(Node child) {
        int i = child.slot;
        if (i < kidCount && kids[i] == child) {
            Node last = kids[--kidCount];
            kids[i] = last;
            last.slot = i;
            kids[kidCount] = null;
            if (index != null) {
                index.remove(child.name);
            }
        }
        child.detached = true;
    }

    void markDetached() {
        detached = true;
    }

    void set(EntryKind newKind, int newLayer, int newMode, String newLink) {
        this.kind = newKind;
        this.layer = newLayer;
        this.mode = newMode;
        this.link = newLink;
        if (newKind != EntryKind.DIR) {
            kids = null;
            kidCount = 0;
            index = null;
        }
    }

    void setSize(long bytes) {
        this.size = bytes;
    }

    void setFiles(int count) {
        this.files = count;
    }

    @Override
    public String toString() {
        return path();
    }
}
