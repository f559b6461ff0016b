package dev.imgdiff.cli.render.html;

import java.util.List;

/**
 * One rectangle of the HTML report's treemap: a file, a directory, or several small entries of one
 * directory folded together. The tree is aggregated: it holds the largest entries only, so its size
 * stays bounded whatever the number of files in the image.
 *
 * @param name     the entry's name ("/" for the root; "N smaller files" for a folded box)
 * @param bytes    content bytes below it
 * @param files    non-directory entries below it (1 for a file)
 * @param category the category holding most of its bytes, as an index into {@link TreeMaps#CATEGORIES}
 * @param kind     what the box is
 * @param children for an expanded directory, its largest entries, biggest first; empty otherwise
 */
public record TreeBox(String name, long bytes, int files, int category, Kind kind, List<TreeBox> children) {
    public TreeBox {
        children = List.copyOf(children);
    }

    /** What a box stands for. */
    public enum Kind {
        /** A file, symlink or other non-directory entry. */
        FILE,
        /** A directory whose largest entries are listed. */
        DIR,
        /** A directory not broken down further (the tree's size budget ran out before it). */
        COLLAPSED,
        /** Several small entries of one directory, shown as one box. */
        FOLDED
    }

    /** All boxes of this tree, this one included. */
    public int count() {
        int n = 1;
        for (TreeBox c : children) {
            n += c.count();
        }
        return n;
    }
}
