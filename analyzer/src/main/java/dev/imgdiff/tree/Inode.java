package dev.imgdiff.tree;

import java.util.ArrayList;
import java.util.List;

/** The bytes of one regular-file entry of a layer tar, shared by its hard-linked names. */
final class Inode {
    final long size;
    final int layer;
    /** The file entry that wrote the bytes. */
    final Node owner;
    /** SHA-256 of the bytes, when the scan hashed content; else null. */
    byte[] hash;
    /** Hard links to it, in the order they were written; null when there are none. */
    List<Node> links;
    int names;

    Inode(long size, int layer, Node owner) {
        this.size = size;
        this.layer = layer;
        this.owner = owner;
    }

    void addLink(Node link) {
        if (links == null) {
            links = new ArrayList<>(2);
        }
        links.add(link);
    }

    /** Whether {@code n} is a visible name of this inode. */
    boolean visibleThrough(Node n) {
        return n != null && n.inode == this && !n.detached();
    }

    /**
     * Puts the bytes on one visible name — the file entry if it is still visible, else the earliest
     * written visible hard link — and zero on the others.
     */
    void settleCarrier() {
        Node carrier = visibleThrough(owner) ? owner : null;
        if (links != null) {
            for (Node l : links) {
                if (carrier == null && visibleThrough(l)) {
                    carrier = l;
                }
            }
            for (Node l : links) {
                if (l.inode == this) {
                    l.carried = l == carrier ? size : 0;
                }
            }
        }
        if (owner.inode == this) {
            owner.carried = owner == carrier ? size : 0;
        }
    }
}
