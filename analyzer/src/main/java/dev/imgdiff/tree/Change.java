package dev.imgdiff.tree;

/**
 * What a layer did to one non-directory path.
 *
 * @param node the node (detached when the change is a deletion or a later layer removed it)
 * @param type added, modified or deleted
 * @param bytes the bytes the layer ships for that path (for a deletion: the bytes it hid)
 */
public record Change(Node node, Type type, long bytes) {
    /** The kinds of change. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
