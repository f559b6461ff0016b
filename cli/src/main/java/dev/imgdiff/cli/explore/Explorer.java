package dev.imgdiff.cli.explore;

import dev.imgdiff.report.ImageReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The explorer's state and what each key does to it, with no terminal: the screen is drawn from it by
 * {@link ExplorerScreen}, and tests drive it directly.
 */
final class Explorer {
    /** The two panes that take the cursor. */
    enum Pane { LAYERS, FILES }

    /** What a key asks for. */
    enum Action {
        UP, DOWN, PAGE_UP, PAGE_DOWN, TOP, BOTTOM, NEXT_PANE, TOGGLE, EXPAND_ALL, COLLAPSE_ALL, LEFT, RIGHT,
        CHANGES_ONLY, SORT, FILTER, LARGEST, HELP, QUIT, WHEEL_UP, WHEEL_DOWN,
        /** A mouse event follows (the terminal app reads it). */
        MOUSE
    }

    /** A row of the layers pane: a layer of image {@code side}, or (side -1) the two images compared. */
    record LayerRow(int side, int layer) {
        boolean isCompare() {
            return side < 0;
        }
    }

    private final List<ImageReport> images;
    private final List<String> names;
    private final PathTree tree;
    private final List<LayerRow> layerRows = new ArrayList<>();
    private final boolean[] collapsed;
    private int layerCursor;
    private int layerTop;
    private Pane pane = Pane.LAYERS;
    private boolean changesOnly;
    private boolean bySize;
    private Filter filter = Filter.NONE;
    private String filterText = "";
    private boolean editingFilter;
    private String filterError;
    private boolean help;
    private boolean quit;
    private FileView view;
    private int[] rows = new int[0];
    private int fileCursor;
    private int fileTop;
    private int fileRowsOnScreen = 20;
    private int layerRowsOnScreen = 10;
    private int largestRank = -1;
    private String message;

    /**
     * @param images one or two reports that carry path records ({@link ImageReport#files()})
     * @param names  what to call each image on screen
     */
    Explorer(List<ImageReport> images, List<String> names) {
        if (images.isEmpty() || images.size() > 2) {
            throw new IllegalArgumentException("one or two images");
        }
        for (ImageReport r : images) {
            if (r.files() == null) {
                throw new IllegalArgumentException("the report has no path records");
            }
        }
        this.images = List.copyOf(images);
        this.names = List.copyOf(names);
        this.tree = new PathTree(images.get(0).files().entries(),
                images.size() > 1 ? images.get(1).files().entries() : null);
        this.collapsed = new boolean[tree.size()];
        // An overview first: the top directories open, everything below them folded.
        for (PathTree.Node n : tree.nodes()) {
            collapsed[n.order] = n.depth >= 1 && n.kidCount > 0;
        }
        if (images.size() > 1) {
            layerRows.add(new LayerRow(-1, -1));
        }
        for (int s = 0; s < images.size(); s++) {
            for (int l = 0; l < images.get(s).layers().size(); l++) {
                layerRows.add(new LayerRow(s, l));
            }
        }
        refresh();
    }

    // ---- what the screen reads ----

    List<ImageReport> images() {
        return images;
    }

    List<String> names() {
        return names;
    }

    boolean twoImages() {
        return images.size() > 1;
    }

    List<LayerRow> layerRows() {
        return layerRows;
    }

    int layerCursor() {
        return layerCursor;
    }

    int layerTop() {
        return layerTop;
    }

    LayerRow selectedLayer() {
        return layerRows.get(layerCursor);
    }

    Pane pane() {
        return pane;
    }

    boolean changesOnly() {
        return changesOnly;
    }

    boolean bySize() {
        return bySize;
    }

    String filterText() {
        return filterText;
    }

    boolean editingFilter() {
        return editingFilter;
    }

    String filterError() {
        return filterError;
    }

    boolean helpShown() {
        return help;
    }

    boolean quit() {
        return quit;
    }

    FileView view() {
        return view;
    }

    /** The rows of the file pane (node orders), top to bottom. */
    int[] rows() {
        return rows;
    }

    int fileCursor() {
        return fileCursor;
    }

    int fileTop() {
        return fileTop;
    }

    PathTree tree() {
        return tree;
    }

    boolean collapsed(PathTree.Node n) {
        return collapsed[n.order];
    }

    /** The node under the file cursor, or null when the pane is empty. */
    PathTree.Node selectedNode() {
        return rows.length == 0 ? null : tree.nodes()[rows[fileCursor]];
    }

    /** A one-off line for the footer (e.g. "no larger file"), or null. */
    String message() {
        return message;
    }

    /** The screen tells how many rows each pane has, so that paging and scrolling fit. */
    void viewport(int layerRowsVisible, int fileRowsVisible) {
        this.layerRowsOnScreen = Math.max(1, layerRowsVisible);
        this.fileRowsOnScreen = Math.max(1, fileRowsVisible);
        layerTop = scroll(layerCursor, layerTop, layerRowsOnScreen, layerRows.size());
        fileTop = scroll(fileCursor, fileTop, fileRowsOnScreen, rows.length);
    }

    // ---- keys ----

    void apply(Action a) {
        message = null;
        if (help) {
            help = false;
            if (a != Action.QUIT) {
                return;
            }
        }
        if (a != Action.LARGEST) {
            largestRank = -1;
        }
        switch (a) {
            case QUIT -> quit = true;
            case HELP -> help = true;
            case NEXT_PANE -> pane = pane == Pane.LAYERS ? Pane.FILES : Pane.LAYERS;
            case UP -> move(-1);
            case DOWN -> move(1);
            case WHEEL_UP -> move(-3);
            case WHEEL_DOWN -> move(3);
            case PAGE_UP -> move(-(pane == Pane.LAYERS ? layerRowsOnScreen : fileRowsOnScreen));
            case PAGE_DOWN -> move(pane == Pane.LAYERS ? layerRowsOnScreen : fileRowsOnScreen);
            case TOP -> move(-Integer.MAX_VALUE / 2);
            case BOTTOM -> move(Integer.MAX_VALUE / 2);
            case TOGGLE -> toggle();
            case LEFT -> left();
            case RIGHT -> right();
            case EXPAND_ALL -> setAll(false);
            case COLLAPSE_ALL -> setAll(true);
            case CHANGES_ONLY -> {
                if (selectedLayer().isCompare()) {
                    message = "changes-only shows what one layer did: pick a layer first";
                } else {
                    changesOnly = !changesOnly;
                    refresh();
                }
            }
            case SORT -> {
                bySize = !bySize;
                flatten(selectedNode());
            }
            case FILTER -> {
                editingFilter = true;
                pane = Pane.FILES;
            }
            case LARGEST -> largest();
        }
    }

    /** A character typed while the filter is being edited. */
    void typeFilter(char c) {
        setFilter(filterText + c);
    }

    /** Characters typed at once (a paste): the filter is applied once. */
    void typeFilter(String text) {
        setFilter(filterText + text);
    }

    /** Backspace in the filter. */
    void eraseFilter() {
        if (!filterText.isEmpty()) {
            setFilter(filterText.substring(0, filterText.length() - 1));
        }
    }

    /** Enter: keep the filter and go back to moving; Escape: drop it. */
    void endFilter(boolean keep) {
        editingFilter = false;
        if (!keep) {
            setFilter("");
        }
    }

    private void setFilter(String text) {
        filterText = text;
        try {
            filter = Filter.of(text);
            filterError = null;
            if (!filter.isNone()) {
                // Matches show wherever they are: unfold what the filter leaves.
                Arrays.fill(collapsed, false);
            }
            refresh();
        } catch (IllegalArgumentException e) {
            filterError = "not a valid pattern yet";
        }
    }

    private void move(int delta) {
        if (pane == Pane.LAYERS) {
            int next = clamp(layerCursor + delta, layerRows.size());
            if (next != layerCursor) {
                layerCursor = next;
                refresh();
            }
            layerTop = scroll(layerCursor, layerTop, layerRowsOnScreen, layerRows.size());
        } else {
            fileCursor = clamp(fileCursor + delta, rows.length);
            fileTop = scroll(fileCursor, fileTop, fileRowsOnScreen, rows.length);
        }
    }

    private void toggle() {
        PathTree.Node n = pane == Pane.FILES ? selectedNode() : null;
        if (n != null && n.kidCount > 0) {
            collapsed[n.order] = !collapsed[n.order];
            flatten(n);
        }
    }

    private void left() {
        PathTree.Node n = pane == Pane.FILES ? selectedNode() : null;
        if (n == null) {
            return;
        }
        if (n.kidCount > 0 && !collapsed[n.order]) {
            collapsed[n.order] = true;
            flatten(n);
        } else if (n.parent != null && n.parent.parent != null) {
            flatten(n.parent);
        }
    }

    private void right() {
        PathTree.Node n = pane == Pane.FILES ? selectedNode() : null;
        if (n != null && n.kidCount > 0 && collapsed[n.order]) {
            collapsed[n.order] = false;
            flatten(n);
        }
    }

    private void setAll(boolean fold) {
        PathTree.Node keep = selectedNode();
        Arrays.fill(collapsed, fold);
        collapsed[0] = false;
        if (fold && keep != null) {
            while (keep.parent != null && keep.parent.parent != null) {
                keep = keep.parent;
            }
        }
        flatten(keep);
    }

    /** How many of the largest files {@code L} steps through before it starts again. */
    private static final int LARGEST = 100;

    /** Moves to the largest shown file, then the next largest on each press. */
    private void largest() {
        // The top LARGEST only, kept in a heap whose head is the smallest of them.
        java.util.Comparator<PathTree.Node> bigFirst = (x, y) -> {
            int c = Long.compare(weight(y), weight(x));
            return c != 0 ? c : Integer.compare(x.order, y.order);
        };
        java.util.PriorityQueue<PathTree.Node> top = new java.util.PriorityQueue<>(LARGEST + 1, bigFirst.reversed());
        for (PathTree.Node n : tree.nodes()) {
            if (n.kidCount == 0 && !n.isDirectory() && view.shown(n) && view.status[n.order] != FileView.Status.REMOVED) {
                top.add(n);
                if (top.size() > LARGEST) {
                    top.poll();
                }
            }
        }
        List<PathTree.Node> leaves = new ArrayList<>(top);
        leaves.sort(bigFirst);
        largestRank++;
        if (largestRank >= leaves.size()) {
            largestRank = 0;
        }
        if (leaves.isEmpty()) {
            message = "no files here";
            return;
        }
        PathTree.Node target = leaves.get(largestRank);
        for (PathTree.Node p = target.parent; p != null; p = p.parent) {
            collapsed[p.order] = false;
        }
        pane = Pane.FILES;
        flatten(target);
        message = "largest #" + (largestRank + 1) + " (L again for the next)";
    }

    private long weight(PathTree.Node n) {
        return view.compare ? Math.max(view.size[n.order], view.sizeB[n.order]) : view.size[n.order];
    }

    // ---- views ----

    private void refresh() {
        PathTree.Node keep = rows.length == 0 ? null : selectedNode();
        LayerRow r = selectedLayer();
        view = r.isCompare() ? FileView.compare(tree, filter) : FileView.layer(tree, r.side(), r.layer(), changesOnly, filter);
        flatten(keep);
    }

    /** Lists the rows the tree shows, keeping the cursor on {@code keep} (or its nearest shown ancestor). */
    private void flatten(PathTree.Node keep) {
        PathTree.Node[] nodes = tree.nodes();
        int[] out = new int[16];
        int count = 0;
        Deque<PathTree.Node> stack = new ArrayDeque<>();
        pushKids(tree.root(), stack);
        while (!stack.isEmpty()) {
            PathTree.Node n = stack.pop();
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = n.order;
            if (n.kidCount > 0 && !collapsed[n.order]) {
                pushKids(n, stack);
            }
        }
        rows = Arrays.copyOf(out, count);
        int at = -1;
        for (PathTree.Node k = keep; k != null && at < 0; k = k.parent) {
            if (view.shown(k)) {
                at = indexOf(k.order);
            }
        }
        fileCursor = clamp(Math.max(at, 0), rows.length);
        if (at >= 0 && (fileCursor < fileTop || fileCursor >= fileTop + fileRowsOnScreen)) {
            fileTop = Math.max(0, fileCursor - fileRowsOnScreen / 3);
        }
        fileTop = scroll(fileCursor, fileTop, fileRowsOnScreen, rows.length);
        assert nodes.length == collapsed.length;
    }

    private int indexOf(int order) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == order) {
                return i;
            }
        }
        return -1;
    }

    private void pushKids(PathTree.Node n, Deque<PathTree.Node> stack) {
        List<PathTree.Node> kids = new ArrayList<>(n.kidCount);
        for (int i = 0; i < n.kidCount; i++) {
            if (view.shown(n.kids[i])) {
                kids.add(n.kids[i]);
            }
        }
        if (bySize) {
            kids.sort((x, y) -> Long.compare(weight(y), weight(x)));
        }
        for (int i = kids.size() - 1; i >= 0; i--) {
            stack.push(kids.get(i));
        }
    }

    private static int clamp(int i, int size) {
        return size == 0 ? 0 : Math.max(0, Math.min(size - 1, i));
    }

    private static int scroll(int cursor, int top, int visible, int size) {
        int t = top;
        if (cursor < t) {
            t = cursor;
        } else if (cursor >= t + visible) {
            t = cursor - visible + 1;
        }
        return Math.max(0, Math.min(t, Math.max(0, size - visible)));
    }
}
