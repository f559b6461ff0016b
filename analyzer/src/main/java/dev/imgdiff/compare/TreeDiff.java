package dev.imgdiff.compare;

import dev.imgdiff.tree.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Walks two final filesystems side by side and reports, path by path, what only the first has
 * (dropped), what only the second has (added) and which files both have with different sizes (changed).
 * A directory present on one side only is reported once, as a whole subtree.
 */
public final class TreeDiff {
    /** What the walk reports. */
    public interface Visitor {
        /** A subtree (or a single leaf) only A has. */
        void dropped(Node a);

        /** A subtree (or a single leaf) only B has. */
        void added(Node b);

        /** A non-directory path both have, with different bytes or kinds. */
        void changed(Node a, Node b);
    }

    private TreeDiff() {
    }

    public static void walk(Node rootA, Node rootB, Visitor v) {
        Deque<Node[]> stack = new ArrayDeque<>();
        stack.push(new Node[]{rootA, rootB});
        while (!stack.isEmpty()) {
            Node[] pair = stack.pop();
            Node a = pair[0];
            Node b = pair[1];
            if (a.isDirectory() && b.isDirectory()) {
                for (Node ca : a.children()) {
                    Node cb = b.child(ca.name());
                    if (cb == null) {
                        v.dropped(ca);
                    } else {
                        stack.push(new Node[]{ca, cb});
                    }
                }
                for (Node cb : b.children()) {
                    if (a.child(cb.name()) == null) {
                        v.added(cb);
                    }
                }
            } else if (a.isDirectory() != b.isDirectory()) {
                v.dropped(a);
                v.added(b);
            } else if (a.fileBytes() != b.fileBytes() || a.kind() != b.kind() || a.size() != b.size()
                    || !java.util.Objects.equals(a.link(), b.link())) {
                v.changed(a, b);
            }
        }
    }

    /** Every leaf of a subtree (the node itself when it is a leaf). */
    public static void leaves(Node n, Consumer<Node> action) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(n);
        while (!stack.isEmpty()) {
            Node x = stack.pop();
            if (x.isDirectory()) {
                x.children().forEach(stack::push);
            } else {
                action.accept(x);
            }
        }
    }
}
