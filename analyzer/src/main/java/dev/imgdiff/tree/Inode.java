package dev.imgdiff.tree;

/** The bytes of one regular-file entry of a layer tar, shared by its hard-linked names. */
final class Inode {
    final long size;
    final int layer;
    int names;
    boolean attributed;

    Inode(long size, int layer) {
        this.size = size;
        this.layer = layer;
    }
}
