package dev.imgdiff.tree;

/**
 * Bytes a layer shipped that the final filesystem does not show.
 *
 * @param node      the node that held the bytes (detached from the tree)
 * @param path      its path at the time
 * @param writtenBy the layer that shipped the bytes
 * @param hiddenBy  the layer that hid them
 * @param bytes     how many
 * @param reason    how they were hidden
 */
public record Waste(Node node, String path, int writtenBy, int hiddenBy, long bytes, Reason reason) {
    /** Ways bytes get hidden. */
    public enum Reason {
        /** A whiteout deleted the path. */
        DELETED,
        /** A later layer wrote the same path. */
        OVERWRITTEN,
        /** An opaque directory hid everything lower layers put below it. */
        OPAQUE,
        /** The same layer wrote the path again. */
        DUPLICATE_IN_LAYER,
        /** A directory or file of another kind took the path, or a parent path. */
        REPLACED
    }
}
