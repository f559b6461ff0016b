package dev.imgdiff.layer;

/**
 * One entry of a layer tar, normalised: {@code path} is absolute ("/usr/bin/gcc"); for a whiteout it is
 * the path being deleted, for an opaque marker the directory being made opaque. {@code size} is the
 * apparent size of a regular file, the target's length for a symlink (what Docker counts), and 0 for
 * everything else. {@code link} is the symlink target as
 * stored, or the normalised absolute hard link target. {@code contentHash} is the SHA-256 of a regular
 * file's bytes when the scan was asked to hash content (duplicate detection), else null.
 */
public record LayerEntry(String path, EntryKind kind, long size, String link, int mode, byte[] contentHash) {

    public LayerEntry(String path, EntryKind kind, long size, String link, int mode) {
        this(path, kind, size, link, mode, null);
    }
}
