package dev.imgdiff.cli.explore;

import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.report.ImageReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the explorer's state as the lines of a screen: title, layers and details on the left, the file
 * tree on the right, keys at the bottom. Only what fits is rendered, whatever the size of the image.
 */
final class ExplorerScreen {
    static final String KEYS = "↑↓/jk move · PgUp/PgDn · g/G · Tab pane · Space fold · e/z all · c changes · "
            + "s sort · / filter · L largest · ? help · q quit";
    private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle SELECTED = AttributedStyle.INVERSE;
    private static final AttributedStyle HEADER = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final int BAR = 8;

    private final boolean color;

    /** @param color whether to use colours (off for NO_COLOR); marks and text say the same either way */
    ExplorerScreen(boolean color) {
        this.color = color;
    }

    /** The whole screen, exactly {@code height} lines of at most {@code width} columns. */
    List<AttributedString> render(Explorer e, int width, int height) {
        int w = Math.max(20, width);
        int h = Math.max(6, height);
        int body = h - 2;
        int left = w >= 100 ? Math.min(70, w * 2 / 5) : Math.max(18, w / 2 - 1);
        int right = w - left - 2;
        int layersVisible = Math.max(2, Math.min(e.layerRows().size(), body / 2 - 1));
        int filesVisible = Math.max(1, body - 2);
        e.viewport(layersVisible, filesVisible);

        List<AttributedString> leftLines = new ArrayList<>(body);
        leftLines.add(header("Layers", left, e.pane() == Explorer.Pane.LAYERS));
        leftLines.addAll(layerLines(e, left, layersVisible));
        leftLines.add(header("Details", left, false));
        List<AttributedString> details = details(e, left);
        for (int i = 0; leftLines.size() < body && i < details.size(); i++) {
            leftLines.add(details.get(i));
        }
        List<AttributedString> rightLines = e.helpShown() ? help(right, body) : fileLines(e, right, filesVisible);

        List<AttributedString> out = new ArrayList<>(h);
        out.add(fit(title(e), w, HEADER));
        AttributedString sep = new AttributedString("▕ ", DIM);
        for (int i = 0; i < body; i++) {
            AttributedStringBuilder sb = new AttributedStringBuilder();
            sb.append(pad(i < leftLines.size() ? leftLines.get(i) : AttributedString.EMPTY, left));
            sb.append(sep);
            sb.append(pad(i < rightLines.size() ? rightLines.get(i) : AttributedString.EMPTY, right));
            out.add(sb.toAttributedString());
        }
        out.add(footer(e, w));
        return out;
    }

    // ---- title and footer ----

    private String title(Explorer e) {
        ImageReport a = e.images().get(0);
        if (!e.twoImages()) {
            return " imgdiff explore · " + Sanitizer.clean(e.names().get(0)) + " · " + Sizes.human(a.totals().imageSize())
                    + " in " + a.totals().layers() + " layers";
        }
        ImageReport b = e.images().get(1);
        return " imgdiff explore · A " + Sanitizer.clean(e.names().get(0)) + " (" + Sizes.human(a.totals().imageSize())
                + ") vs B " + Sanitizer.clean(e.names().get(1)) + " (" + Sizes.human(b.totals().imageSize()) + ")";
    }

    private AttributedString footer(Explorer e, int w) {
        if (e.editingFilter()) {
            String err = e.filterError() == null ? "" : "   (" + e.filterError() + ")";
            return fit("Filter (regex, or glob with * ?): " + Sanitizer.clean(e.filterText()) + "▏" + err
                    + "   Enter keep · Esc clear", w, BOLD);
        }
        if (e.message() != null) {
            return fit(" " + e.message(), w, YELLOW);
        }
        return fit(" " + KEYS, w, DIM);
    }

    // ---- layers ----

    private List<AttributedString> layerLines(Explorer e, int width, int visible) {
        List<AttributedString> out = new ArrayList<>();
        List<Explorer.LayerRow> rows = e.layerRows();
        for (int i = e.layerTop(); i < rows.size() && out.size() < visible; i++) {
            Explorer.LayerRow r = rows.get(i);
            boolean sel = i == e.layerCursor();
            String text;
            if (r.isCompare()) {
                ImageReport a = e.images().get(0);
                ImageReport b = e.images().get(1);
                text = "   A vs B  " + Sizes.human(a.totals().imageSize()) + " → " + Sizes.human(b.totals().imageSize())
                        + "  (final filesystems)";
            } else {
                ImageReport img = e.images().get(r.side());
                ImageReport.Layer l = img.layers().get(r.layer());
                String side = e.twoImages() ? (r.side() == 0 ? "A" : "B") : " ";
                text = side + String.format("%3d %9s ", l.index() + 1, Sizes.human(l.size()))
                        + bar(l.size(), img.totals().imageSize()) + " " + oneLine(l.instruction());
            }
            AttributedStyle style = sel ? (e.pane() == Explorer.Pane.LAYERS ? SELECTED : BOLD) : PLAIN;
            out.add(fit((sel ? "▶" : " ") + text, width, style));
        }
        return out;
    }

    private static String bar(long part, long whole) {
        int filled = whole <= 0 ? 0 : (int) Math.round((double) part / whole * BAR);
        if (part > 0 && filled == 0) {
            filled = 1;
        }
        return "█".repeat(Math.min(BAR, filled)) + "·".repeat(BAR - Math.min(BAR, filled));
    }

    // ---- files ----

    private List<AttributedString> fileLines(Explorer e, int width, int visible) {
        List<AttributedString> out = new ArrayList<>();
        Explorer.LayerRow r = e.selectedLayer();
        String what;
        if (r.isCompare()) {
            what = "Files · A vs B (final filesystems)";
        } else {
            int n = e.images().get(r.side()).layers().size();
            what = "Files · " + (e.twoImages() ? (r.side() == 0 ? "A " : "B ") : "") + "layer " + (r.layer() + 1) + " of "
                    + n + (e.changesOnly() ? " (changes only)" : " (all up to here)");
        }
        what += " · by " + (e.bySize() ? "size" : "name");
        if (!e.filterText().isEmpty()) {
            what += " · filter " + Sanitizer.clean(e.filterText());
        }
        out.add(header(what, width, e.pane() == Explorer.Pane.FILES));
        FileView v = e.view();
        out.add(fit(v.compare ? "    A size    B size  Path" : "      Size  Path", width, DIM));
        int[] rows = e.rows();
        if (rows.length == 0) {
            out.add(fit(e.filterText().isEmpty() ? "  (nothing here)" : "  (nothing matches the filter)", width, DIM));
            return out;
        }
        PathTree.Node[] nodes = e.tree().nodes();
        for (int i = e.fileTop(); i < rows.length && out.size() < visible + 2; i++) {
            PathTree.Node n = nodes[rows[i]];
            out.add(fileRow(e, v, n, i == e.fileCursor(), width));
        }
        return out;
    }

    private AttributedString fileRow(Explorer e, FileView v, PathTree.Node n, boolean sel, int width) {
        FileView.Status st = v.status[n.order];
        AttributedStringBuilder sb = new AttributedStringBuilder();
        AttributedStyle markStyle = switch (st) {
            case ADDED, ONLY_B -> GREEN;
            case MODIFIED, CHANGED -> YELLOW;
            case REMOVED, ONLY_A -> RED;
            default -> PLAIN;
        };
        sb.append(String.valueOf(st.mark), markStyle).append(' ');
        if (v.compare) {
            sb.append(String.format("%9s %9s ", sizeOrDash(v.size[n.order], v.inA[n.order]),
                    sizeOrDash(v.sizeB[n.order], v.inB[n.order])));
        } else {
            sb.append(String.format("%9s ", Sizes.human(v.size[n.order])));
        }
        sb.append("  ".repeat(Math.max(0, n.depth)));
        boolean dir = n.kidCount > 0;
        if (dir) {
            sb.append(e.collapsed(n) ? "▸ " : "▾ ");
            sb.append(Sanitizer.clean(n.name) + "/", BOLD);
        } else {
            sb.append(Sanitizer.clean(n.name), markStyle);
            ImageReport.FileEntry entry = n.a != null && (v.compare || e.selectedLayer().side() == 0) ? n.a : n.b;
            if (entry != null && entry.link() != null) {
                sb.append(" → " + Sanitizer.clean(entry.link()), DIM);
            }
            if (!v.compare && v.hiddenBy[n.order] >= 0 && st != FileView.Status.REMOVED) {
                sb.append("  [wasted: layer " + (v.hiddenBy[n.order] + 1) + " hides this copy]", RED);
            }
        }
        AttributedString line = sb.toAttributedString();
        if (sel) {
            AttributedStyle s = e.pane() == Explorer.Pane.FILES ? SELECTED : BOLD;
            return pad(new AttributedString(line.toString(), s), width, s);
        }
        return line;
    }

    /** Whitespace runs (tabs and newlines of a RUN included) as one space, then made safe to print. */
    static String oneLine(String s) {
        return Sanitizer.clean(dev.imgdiff.analysis.Instructions.oneLine(s));
    }

    private static String sizeOrDash(long bytes, boolean present) {
        return present ? Sizes.human(bytes) : "-";
    }

    // ---- details ----

    private List<AttributedString> details(Explorer e, int width) {
        List<String> lines = new ArrayList<>();
        PathTree.Node n = e.selectedNode();
        if (e.pane() == Explorer.Pane.FILES && n != null) {
            pathDetails(e, n, lines);
        } else {
            Explorer.LayerRow r = e.selectedLayer();
            if (r.isCompare()) {
                compareDetails(e, lines);
            } else {
                layerDetails(e.images().get(r.side()), r.layer(), lines);
                lines.add("");
                imageSummary(e.twoImages() ? (r.side() == 0 ? "Image A" : "Image B") : "Image", e.images().get(r.side()), lines);
            }
        }
        List<AttributedString> out = new ArrayList<>();
        for (String l : lines) {
            for (String part : wrap(l, width)) {
                out.add(new AttributedString(part));
            }
        }
        return out;
    }

    private void layerDetails(ImageReport img, int index, List<String> out) {
        ImageReport.Layer l = img.layers().get(index);
        long total = img.totals().imageSize();
        out.add("Layer " + (index + 1) + " of " + img.layers().size() + " · " + Sizes.human(l.size()) + " · "
                + (total == 0 ? "0%" : Sizes.percent((double) l.size() / total)) + " of the image"
                + (l.base() ? " · base image" : ""));
        out.add("  added    " + Sizes.count(l.added()) + " files, " + Sizes.human(l.addedBytes()));
        out.add("  modified " + Sizes.count(l.modified()) + " files, " + Sizes.human(l.modifiedBytes()));
        out.add("  removed  " + Sizes.count(l.deleted()) + " files, " + Sizes.human(l.deletedBytes()));
        out.add("  wasted   " + Sizes.human(l.wastedBytes()) + " (later layers hide it)");
        String cmd = l.createdBy() == null || l.createdBy().isBlank() ? l.instruction() : l.createdBy();
        out.add("Instruction: " + oneLine(cmd == null ? "" : cmd));
        if (l.digest() != null) {
            out.add("Digest: " + Sanitizer.clean(l.digest()));
        }
    }

    private void imageSummary(String label, ImageReport img, List<String> out) {
        ImageReport.Totals t = img.totals();
        out.add(label + ": " + Sizes.human(t.imageSize()) + " · content " + Sizes.human(t.contentSize()) + " · wasted "
                + Sizes.human(t.wastedBytes()) + " · efficiency " + Sizes.percent(t.efficiency())
                + (t.compressedSize() > 0 ? " · compressed " + Sizes.human(t.compressedSize()) : ""));
        for (ImageReport.CategoryRow c : img.categories()) {
            if (c.bytes() > 0 || c.wastedBytes() > 0) {
                out.add(String.format("  %-18s %9s", c.name(), Sizes.human(c.bytes())));
            }
        }
    }

    private void compareDetails(Explorer e, List<String> out) {
        ImageReport a = e.images().get(0);
        ImageReport b = e.images().get(1);
        out.add("A " + Sizes.human(a.totals().imageSize()) + " → B " + Sizes.human(b.totals().imageSize()) + " ("
                + Sizes.signed(b.totals().imageSize() - a.totals().imageSize()) + ", "
                + Sizes.ratio(a.totals().imageSize(), b.totals().imageSize()) + ")");
        out.add(String.format("  %-18s %9s %9s %10s", "category", "A", "B", "B − A"));
        for (int i = 0; i < a.categories().size() && i < b.categories().size(); i++) {
            ImageReport.CategoryRow ca = a.categories().get(i);
            ImageReport.CategoryRow cb = b.categories().get(i);
            if (ca.bytes() != 0 || cb.bytes() != 0) {
                out.add(String.format("  %-18s %9s %9s %10s", ca.name(), Sizes.human(ca.bytes()), Sizes.human(cb.bytes()),
                        Sizes.signed(cb.bytes() - ca.bytes())));
            }
        }
        out.add("Packages, largest changes:");
        Map<String, long[]> deltas = new HashMap<>();
        for (ImageReport.PackageRow p : a.packages()) {
            deltas.computeIfAbsent(p.ecosystem() + ":" + p.name(), k -> new long[2])[0] += p.bytes();
        }
        for (ImageReport.PackageRow p : b.packages()) {
            deltas.computeIfAbsent(p.ecosystem() + ":" + p.name(), k -> new long[2])[1] += p.bytes();
        }
        deltas.entrySet().stream()
                .filter(x -> x.getValue()[0] != x.getValue()[1])
                .sorted((x, y) -> {
                    int c = Long.compare(Math.abs(y.getValue()[1] - y.getValue()[0]), Math.abs(x.getValue()[1] - x.getValue()[0]));
                    return c != 0 ? c : x.getKey().compareTo(y.getKey());
                })
                .limit(12)
                .forEach(x -> out.add(String.format("  %-30s %10s", clip(Sanitizer.clean(pkgName(x.getKey())), 30),
                        Sizes.signed(x.getValue()[1] - x.getValue()[0]))));
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String pkgName(String key) {
        return key.startsWith("none:") ? "(unowned)" : key;
    }

    private void pathDetails(Explorer e, PathTree.Node n, List<String> out) {
        FileView v = e.view();
        out.add("Path: " + Sanitizer.clean(n.path()));
        if (n.kidCount > 0) {
            if (v.compare) {
                out.add("Directory · A " + Sizes.human(v.size[n.order]) + " · B " + Sizes.human(v.sizeB[n.order]) + " · "
                        + Sizes.count(v.files[n.order]) + (v.files[n.order] == 1 ? " path" : " paths") + " shown below");
            } else {
                out.add("Directory · " + Sizes.human(v.size[n.order]) + " in " + Sizes.count(v.files[n.order])
                        + (v.files[n.order] == 1 ? " path" : " paths") + " shown below");
            }
            return;
        }
        if (e.twoImages()) {
            entryDetails("A", e.images().get(0), n.a, out);
            entryDetails("B", e.images().get(1), n.b, out);
        } else {
            entryDetails(null, e.images().get(0), n.a, out);
        }
    }

    private void entryDetails(String side, ImageReport img, ImageReport.FileEntry f, List<String> out) {
        String p = side == null ? "" : side + ": ";
        if (f == null) {
            out.add(p + "not in this image");
            return;
        }
        String pkg = f.pkg() >= 0 && f.pkg() < img.packages().size() ? img.packages().get(f.pkg()).key() : "-";
        out.add(p + f.type() + (f.link() != null ? " → " + Sanitizer.clean(f.link()) : "") + " · category "
                + f.category() + " · package " + Sanitizer.clean(pkg));
        out.add("  Size in every layer:");
        List<ImageReport.PathChange> ch = f.changes();
        for (int i = 0; i < ch.size(); i++) {
            ImageReport.PathChange c = ch.get(i);
            String did = switch (c.change()) {
                case 'A' -> "added    " + Sizes.human(c.bytes());
                case 'M' -> "modified " + Sizes.human(c.bytes());
                default -> "removed  (hid " + Sizes.human(c.bytes()) + ")";
            };
            String wasted = c.change() != 'D' && i + 1 < ch.size() && c.bytes() > 0
                    ? "  wasted: layer " + (ch.get(i + 1).layer() + 1) + " hides it" : "";
            out.add(String.format("    layer %2d %s%s", c.layer() + 1, did, wasted));
            if (c.layer() >= 0 && c.layer() < img.layers().size()) {
                out.add("      " + oneLine(img.layers().get(c.layer()).instruction()));
            }
        }
        if (!f.visible()) {
            out.add("  not in the final filesystem");
        }
    }

    // ---- help ----

    private List<AttributedString> help(int width, int height) {
        String[] text = {
            "Keys",
            "  ↑ ↓  j k        move the cursor",
            "  PgUp PgDn       a page up or down (also the mouse wheel)",
            "  g G  Home End   first or last row",
            "  Tab             switch between the layers and the files",
            "  Space  Enter    fold or unfold the directory",
            "  ← →  h l        fold, go to the parent, unfold",
            "  e  z            unfold all, fold all",
            "  c               this layer's changes only, or all files up to it",
            "  s               sort by name or by size",
            "  /               filter paths: a regex (node_modules, \\.so$) or a glob",
            "                  with * or ? (*.map, /usr/**/doc/**); Enter keeps it, Esc clears",
            "  L               jump to the largest file shown; again for the next",
            "  ?               this help (any key closes it)",
            "  q  Ctrl-C       quit",
            "",
            "Marks",
            "  +  added by this layer (two images: only in B)",
            "  ~  modified by this layer (two images: sizes differ)",
            "  -  removed by this layer (two images: only in A)",
            "  [wasted: layer N hides this copy]  a later layer deletes or overwrites it",
        };
        List<AttributedString> out = new ArrayList<>();
        for (String t : text) {
            if (out.size() < height) {
                out.add(fit(t, width, t.startsWith(" ") || t.isEmpty() ? PLAIN : HEADER));
            }
        }
        return out;
    }

    // ---- helpers ----

    private AttributedString header(String text, int width, boolean focused) {
        String t = (focused ? "● " : "  ") + text + " ";
        return fit(t + "╌".repeat(Math.max(0, width - t.length())), width, focused ? HEADER : BOLD);
    }

    private AttributedString fit(String text, int width, AttributedStyle style) {
        AttributedString s = new AttributedString(text, color || style == SELECTED ? style : monochrome(style));
        return s.columnLength() > width ? s.columnSubSequence(0, width) : s;
    }

    private static AttributedStyle monochrome(AttributedStyle s) {
        return s == BOLD || s == HEADER ? BOLD : PLAIN;
    }

    private static AttributedString pad(AttributedString s, int width) {
        return pad(s, width, PLAIN);
    }

    private static AttributedString pad(AttributedString s, int width, AttributedStyle style) {
        AttributedString t = s.columnLength() > width ? s.columnSubSequence(0, width) : s;
        int missing = width - t.columnLength();
        if (missing <= 0) {
            return t;
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.append(t);
        sb.append(" ".repeat(missing), style);
        return sb.toAttributedString();
    }

    /** Splits a line to fit the width, continuation lines indented. */
    static List<String> wrap(String line, int width) {
        List<String> out = new ArrayList<>();
        String rest = line;
        boolean first = true;
        while (true) {
            String prefix = first ? "" : "    ";
            int room = Math.max(8, width - prefix.length());
            if (rest.length() <= room) {
                out.add(prefix + rest);
                return out;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut < room / 2) {
                cut = room;
            }
            out.add(prefix + rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
            first = false;
            if (rest.isEmpty()) {
                return out;
            }
        }
    }
}
