package dev.imgdiff.cli.explore;

import dev.imgdiff.report.ImageReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory tree of every path one or two images' layers ever held, built once from the reports'
 * path records. Nodes sit in an array in depth-first order, children by name, so that per-view figures
 * are plain arrays indexed by {@link Node#order}.
 */
final class PathTree {
    /** One path: a directory (no entries) or a leaf with its record in image A and/or B. */
    static final class Node {
        final String name;
        final Node parent;
        final int depth;
        Node[] kids = new Node[0];
        int kidCount;
        /** The path's record in each image, or null. */
        ImageReport.FileEntry a;
        ImageReport.FileEntry b;
        int order;
        /** The order just past this node's subtree. */
        int end;

        Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
            this.depth = parent == null ? -1 : parent.depth + 1;
        }

        boolean isDirectory() {
            return a == null && b == null;
        }

        ImageReport.FileEntry entry(int side) {
            return side == 0 ? a : b;
        }

        String path() {
            if (parent == null) {
                return "/";
            }
            java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                names.push(n.name);
            }
            StringBuilder sb = new StringBuilder();
            for (String name : names) {
                sb.append('/').append(name);
            }
            return sb.toString();
        }

        List<Node> children() {
            return Arrays.asList(kids).subList(0, kidCount);
        }
    }

    private final Node root = new Node("", null);
    private Node[] nodes;

    /** @param b the second image's records, or null for one image */
    PathTree(List<ImageReport.FileEntry> a, List<ImageReport.FileEntry> b) {
        Map<String, Node> dirs = new HashMap<>();
        dirs.put("/", root);
        Map<String, Node> leaves = new HashMap<>();
        add(a, 0, dirs, leaves);
        if (b != null) {
            add(b, 1, dirs, leaves);
        }
        List<Node> all = new ArrayList<>(dirs.size() + a.size() + (b == null ? 0 : b.size()));
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        Comparator<Node> byName = Comparator.comparing(n -> n.name);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            n.order = all.size();
            all.add(n);
            if (n.kidCount > 0) {
                n.kids = Arrays.copyOf(n.kids, n.kidCount);
                Arrays.sort(n.kids, byName);
                for (int i = n.kidCount - 1; i >= 0; i--) {
                    stack.push(n.kids[i]);
                }
            }
        }
        nodes = all.toArray(new Node[0]);
        for (int i = nodes.length - 1; i >= 0; i--) {
            Node n = nodes[i];
            n.end = n.kidCount == 0 ? i + 1 : n.kids[n.kidCount - 1].end;
        }
    }

    private void add(List<ImageReport.FileEntry> entries, int side, Map<String, Node> dirs, Map<String, Node> leaves) {
        for (ImageReport.FileEntry e : entries) {
            String path = e.path();
            int slash = path.lastIndexOf('/');
            Node parent = dir(slash <= 0 ? "/" : path.substring(0, slash), dirs);
            String name = path.substring(slash + 1);
            Node leaf = leaves.get(path);
            if (leaf == null || (side == 0 ? leaf.a != null : leaf.b != null)) {
                leaf = addKid(parent, name);
                leaves.put(path, leaf);
            }
            if (side == 0) {
                leaf.a = e;
            } else {
                leaf.b = e;
            }
        }
    }

    /** The directory node at {@code path}, made (with its missing parents) when new; no recursion, however deep. */
    private Node dir(String path, Map<String, Node> dirs) {
        Node d = dirs.get(path);
        if (d != null) {
            return d;
        }
        java.util.ArrayDeque<String> missing = new java.util.ArrayDeque<>();
        String p = path;
        while ((d = dirs.get(p)) == null) {
            missing.push(p);
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "/" : p.substring(0, slash);
        }
        while (!missing.isEmpty()) {
            String q = missing.pop();
            d = addKid(d, q.substring(q.lastIndexOf('/') + 1));
            dirs.put(q, d);
        }
        return d;
    }

    private static Node addKid(Node parent, String name) {
        Node n = new Node(name, parent);
        if (parent.kidCount == parent.kids.length) {
            parent.kids = Arrays.copyOf(parent.kids, Math.max(4, parent.kidCount * 2));
        }
        parent.kids[parent.kidCount++] = n;
        return n;
    }

    Node root() {
        return root;
    }

    /** Every node, depth first, children by name; the root first. */
    Node[] nodes() {
        return nodes;
    }

    int size() {
        return nodes.length;
    }
}
