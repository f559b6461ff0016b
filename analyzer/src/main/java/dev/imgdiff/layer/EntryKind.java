package dev.imgdiff.layer;

/** What a layer tar entry is, once whiteouts are recognised. */
public enum EntryKind {
    FILE, DIR, SYMLINK, HARDLINK, OTHER, WHITEOUT, OPAQUE;

    /** Whether the entry puts something in the filesystem that is not a directory. */
    public boolean isLeaf() {
        return this == FILE || this == SYMLINK || this == HARDLINK || this == OTHER;
    }
}
