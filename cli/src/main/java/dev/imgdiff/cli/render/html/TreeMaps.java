package dev.imgdiff.cli.render.html;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.attribute.Categorizer;
import dev.imgdiff.attribute.Category;
import dev.imgdiff.tree.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Builds the aggregated directory tree the HTML report draws, from an analysis: the biggest directories
 * are broken down first, each into at most {@code perDirectory} entries (the rest folded into one "N
 * smaller files" box), until {@code budget} boxes are used; directories left over are drawn whole.
 */
public final class TreeMaps {
    /** Category names by index, in rule order. */
    public static final List<String> CATEGORIES = java.util.Arrays.stream(Category.values()).map(Category::label).toList();
    public static final int DEFAULT_BUDGET = 20_000;
    public static final int DEFAULT_PER_DIRECTORY = 60;
    /** Directories deeper than this are drawn whole: no treemap shows more, and it bounds the recursion. */
    static final int MAX_DEPTH = 48;

    private TreeMaps() {
    }

    public static TreeBox of(Analysis a) {
        return of(a, DEFAULT_BUDGET, DEFAULT_PER_DIRECTORY);
    }

    public static TreeBox of(Analysis a, int budget, int perDirectory) {
        if (budget < 1 || perDirectory < 1) {
            throw new IllegalArgumentException("budget and perDirectory must be positive");
        }
        Node root = a.tree().root();
        Map<Node, long[]> byCategory = categoryBytes(a, root);
        Draft top = new Draft(root, 0);
        PriorityQueue<Draft> queue = new PriorityQueue<>(Comparator.comparingLong((Draft d) -> -d.node.size()));
        queue.add(top);
        int used = 1;
        while (!queue.isEmpty() && used < budget) {
            Draft d = queue.poll();
            List<Node> kids = new ArrayList<>(d.node.childrenUnsorted());
            kids.sort(Comparator.comparingLong(Node::size).reversed().thenComparing(Node::name));
            int keep = Math.min(Math.min(perDirectory, kids.size()), budget - used);
            if (keep < kids.size()) {
                keep = Math.max(0, keep - 1); // room for the folded box
            }
            d.expanded = true;
            d.kids = new ArrayList<>();
            for (int i = 0; i < keep && kids.get(i).size() > 0; i++) {
                Draft k = new Draft(kids.get(i), d.depth + 1);
                d.kids.add(k);
                used++;
                if (k.node.isDirectory() && k.node.childCount() > 0 && k.depth < MAX_DEPTH) {
                    queue.add(k);
                }
            }
            int shown = d.kids.size();
            if (shown < kids.size()) {
                long bytes = 0;
                int files = 0;
                long[] cats = new long[CATEGORIES.size()];
                for (Node n : kids.subList(shown, kids.size())) {
                    bytes += n.size();
                    files += n.files();
                    add(cats, categories(n, byCategory, a.categorizer()));
                }
                if (bytes > 0) {
                    d.folded = new TreeBox(String.format(java.util.Locale.ROOT, "%,d smaller %s", files,
                            files == 1 ? "file" : "files"), bytes, files, dominant(cats), TreeBox.Kind.FOLDED, List.of());
                    used++;
                }
            }
        }
        return top.build(byCategory, a.categorizer());
    }

    /** Bytes per category below each directory, from one pass over the leaves. */
    private static Map<Node, long[]> categoryBytes(Analysis a, Node root) {
        Map<Node, long[]> out = new IdentityHashMap<>();
        Categorizer cat = a.categorizer();
        a.tree().forEachLeaf(leaf -> {
            if (leaf.size() == 0) {
                return;
            }
            int c = cat.of(leaf).ordinal();
            for (Node p = leaf.parent(); p != null; p = p.parent()) {
                out.computeIfAbsent(p, x -> new long[CATEGORIES.size()])[c] += leaf.size();
            }
        });
        out.computeIfAbsent(root, x -> new long[CATEGORIES.size()]);
        return out;
    }

    private static long[] categories(Node n, Map<Node, long[]> byCategory, Categorizer cat) {
        if (n.isDirectory()) {
            return byCategory.getOrDefault(n, new long[CATEGORIES.size()]);
        }
        long[] one = new long[CATEGORIES.size()];
        one[cat.of(n).ordinal()] = n.size();
        return one;
    }

    private static void add(long[] into, long[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
    }

    private static int dominant(long[] cats) {
        int best = Category.OS.ordinal();
        long max = 0;
        for (int i = 0; i < cats.length; i++) {
            if (cats[i] > max) {
                max = cats[i];
                best = i;
            }
        }
        return best;
    }

    /** A box while the tree is being chosen. */
    private static final class Draft {
        final Node node;
        final int depth;
        boolean expanded;
        List<Draft> kids = List.of();
        TreeBox folded;

        Draft(Node node, int depth) {
            this.node = node;
            this.depth = depth;
        }

        TreeBox build(Map<Node, long[]> byCategory, Categorizer cat) {
            String name = node.parent() == null ? "/" : node.name();
            int category = dominant(categories(node, byCategory, cat));
            if (!node.isDirectory()) {
                return new TreeBox(name, node.size(), 1, category, TreeBox.Kind.FILE, List.of());
            }
            if (!expanded) {
                return new TreeBox(name, node.size(), node.files(), category, TreeBox.Kind.COLLAPSED, List.of());
            }
            List<TreeBox> children = new ArrayList<>(kids.size() + 1);
            for (Draft k : kids) {
                children.add(k.build(byCategory, cat));
            }
            if (folded != null) {
                children.add(folded);
            }
            return new TreeBox(name, node.size(), node.files(), category, TreeBox.Kind.DIR, children);
        }
    }
}
