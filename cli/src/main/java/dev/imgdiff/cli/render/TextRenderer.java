package dev.imgdiff.cli.render;

import static dev.imgdiff.cli.render.Sanitizer.clean;
import static dev.imgdiff.cli.render.Sizes.count;
import static dev.imgdiff.cli.render.Sizes.human;

import dev.imgdiff.report.ComparisonReport;
import dev.imgdiff.report.ImageReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders reports for people: aligned tables, human sizes, every string from an image sanitized. */
public final class TextRenderer {
    private static final int LARGEST_PER_LAYER = 3;
    private final Style style;
    private final int width;
    private final int top;
    private final String by;

    /**
     * @param width the terminal width that long instructions and paths are fitted to
     * @param top   how many packages the package tables show
     * @param by    the main table: "layer", "category", "package" or "dir" (null: the usual order)
     */
    public TextRenderer(Style style, int width, int top, String by) {
        this.style = style;
        this.width = Math.max(60, width);
        this.top = top;
        this.by = by;
    }

    public String render(ImageReport r) {
        StringBuilder out = new StringBuilder();
        ImageReport.Totals t = r.totals();
        out.append(style.bold(name(r))).append('\n');
        out.append(style.dim(describeSource(r))).append("\n\n");
        Table summary = new Table("  ", true, false, true);
        summary.row("image size", human(t.imageSize()), style.dim(Sizes.count(t.imageSize()) + " bytes in "
                + t.layers() + " layers"));
        summary.row(uncompressed(r) ? "layer tars" : "compressed", human(t.compressedSize()),
                style.dim(compressionNote(r)));
        summary.row("content", human(t.contentSize()), style.dim("visible in the final filesystem"));
        summary.row("wasted", human(t.wastedBytes()), style.dim(Sizes.percent(frac(t.wastedBytes(), t.imageSize()))
                + " of the image: shipped, then deleted or overwritten"));
        summary.row("efficiency", Sizes.percent(t.efficiency()), r.dive() == null ? "" : style.dim(String.format(
                java.util.Locale.ROOT, "dive reports: efficiency %s, wasted %s, user wasted %s",
                Sizes.percent(r.dive().efficiency()), human(r.dive().wastedBytes()),
                Sizes.percent(r.dive().userWastedPercent()))));
        summary.row("files", count(t.files()), style.dim("in " + count(t.directories()) + " directories"));
        summary.row("layers", count(t.layers()), style.dim(t.baseLayers() + " from the base image"));
        summary.render(out);

        Map<String, Runnable> blocks = new LinkedHashMap<>();
        blocks.put("layer", () -> {
            section(out, "Layers");
            renderLayers(out, r, true);
        });
        blocks.put("category", () -> {
            section(out, "By category");
            Table cats = new Table("  ", true, false, false, false, false);
            cats.row(style.dim("category"), style.dim("bytes"), style.dim("share"), style.dim("files"), style.dim("wasted"));
            for (ImageReport.CategoryRow c : r.categories()) {
                if (c.bytes() == 0 && c.wastedBytes() == 0 && c.files() == 0) {
                    continue;
                }
                cats.row(c.name(), human(c.bytes()), Sizes.percent(frac(c.bytes(), t.contentSize())), count(c.files()),
                        c.wastedBytes() == 0 ? style.dim("-") : human(c.wastedBytes()));
            }
            cats.render(out);

        });
        blocks.put("package", () -> {
            packages(out, r);
        });
        blocks.put("dir", () -> {
            if (!r.largestDirectories().isEmpty()) {
                section(out, "Largest directories");
                Table dirs = new Table("  ", false, false, true);
                for (ImageReport.DirRow d : r.largestDirectories()) {
                    dirs.row(human(d.bytes()), plural(d.files(), "file"), fitPath(d.path(), 30));
                }
                dirs.render(out);
            }
            if (!r.largestFiles().isEmpty()) {
                section(out, "Largest files");
                Table files = new Table("  ", false, true, true, true);
                for (ImageReport.FileRow f : r.largestFiles()) {
                    files.row(human(f.bytes()), "layer " + (f.layer() + 1), f.category(), fitPath(f.path(), 40));
                }
                files.render(out);
            }
            if (!r.wasteByDirectory().isEmpty()) {
                section(out, "Where the waste is");
                Table waste = new Table("  ", false, false, true, true);
                for (ImageReport.WasteGroup w : r.wasteByDirectory()) {
                    waste.row(style.yellow(human(w.bytes())), plural(w.files(), "file"),
                            fitPath(w.path(), 60), style.dim("layer " + (w.writtenBy() + 1) + ", " + w.reason()
                                    + " in layer " + (w.hiddenBy() + 1)));
                }
                waste.render(out);
            }
        });
        emit(blocks, by == null ? "layer" : by);
        duplicates(out, r);
        advice(out, r);
        largestPerLayer(out, r);
        warnings(out, r);
        return out.toString();
    }

    private void duplicates(StringBuilder out, ImageReport r) {
        ImageReport.Duplicates d = r.duplicates();
        if (d == null) {
            return;
        }
        if (d.groups() == 0) {
            section(out, "Duplicate content: none");
            return;
        }
        section(out, "Duplicate content (" + count(d.groups()) + " sets; one copy of each would save "
                + human(d.savings()) + ")");
        for (ImageReport.DuplicateGroup g : d.largest()) {
            out.append("  ").append(style.yellow(human(g.savings()))).append("  ").append(count(g.copies()))
                    .append(" copies of ").append(human(g.bytes())).append('\n');
            for (String p : g.paths()) {
                out.append("      ").append(style.dim(fitPath(p, 8))).append('\n');
            }
        }
    }

    private void advice(StringBuilder out, ImageReport r) {
        if (r.advice().isEmpty()) {
            return;
        }
        section(out, "What could still be cut");
        int i = 0;
        for (ImageReport.AdviceRow a : r.advice()) {
            if (i++ >= Math.max(top, 1)) {
                break;
            }
            out.append("  ").append(style.bold((a.upTo() ? "up to " : "") + human(a.bytes()))).append("  ")
                    .append(clean(oneLine(a.title()))).append('\n');
            out.append("      ").append(Table.fit(clean(a.action()), width - 6)).append('\n');
            for (ImageReport.EvidenceRow e : a.evidence()) {
                String line = (e.bytes() >= 0 ? human(e.bytes()) + "  " : "") + oneLine(e.what());
                out.append("      ").append(style.dim(Table.fit(clean(line), width - 6))).append('\n');
            }
        }
    }

    public String render(ComparisonReport c) {
        StringBuilder out = new StringBuilder();
        ImageReport a = c.a();
        ImageReport b = c.b();
        out.append(style.bold(name(a))).append(style.dim("  →  ")).append(style.bold(name(b))).append('\n');
        out.append(style.dim("A: " + describeSource(a))).append('\n');
        out.append(style.dim("B: " + describeSource(b))).append("\n\n");
        Table t = new Table("  ", true, false, false, false, true);
        t.row("", style.dim("A"), style.dim("B"), style.dim("difference"), "");
        ImageReport.Totals ta = a.totals();
        ImageReport.Totals tb = b.totals();
        long d = tb.imageSize() - ta.imageSize();
        t.row("image size", human(ta.imageSize()), human(tb.imageSize()), style.delta(d, Sizes.signed(d)),
                style.bold(Sizes.ratio(ta.imageSize(), tb.imageSize())));
        d = tb.compressedSize() - ta.compressedSize();
        boolean stored = uncompressed(a) && uncompressed(b);
        t.row(stored ? "layer tars" : "compressed", human(ta.compressedSize()), human(tb.compressedSize()),
                style.delta(d, Sizes.signed(d)), Sizes.ratio(ta.compressedSize(), tb.compressedSize())
                        + (stored ? style.dim("  (stored uncompressed)") : ""));
        d = tb.contentSize() - ta.contentSize();
        t.row("content", human(ta.contentSize()), human(tb.contentSize()), style.delta(d, Sizes.signed(d)), "");
        d = tb.wastedBytes() - ta.wastedBytes();
        t.row("wasted", human(ta.wastedBytes()), human(tb.wastedBytes()), style.delta(d, Sizes.signed(d)), "");
        d = tb.layers() - ta.layers();
        t.row("layers", count(ta.layers()), count(tb.layers()), style.delta(d, Sizes.signedCount(d)), "");
        d = tb.files() - ta.files();
        t.row("files", count(ta.files()), count(tb.files()), style.delta(d, Sizes.signedCount(d)), "");
        t.render(out);
        String headline = headline(c);
        if (!headline.isEmpty()) {
            out.append('\n').append("  ").append(headline).append('\n');
        }

        Map<String, Runnable> blocks = new LinkedHashMap<>();
        blocks.put("category", () -> {
            section(out, "By category");
            Table cats = new Table("  ", true, false, false, false, false, false);
            cats.row(style.dim("category"), style.dim("A"), style.dim("B"), style.dim("difference"),
                    style.dim("wasted A"), style.dim("wasted B"));
            for (ComparisonReport.CategoryDelta cd : c.categories()) {
                if (cd.a() == 0 && cd.b() == 0 && cd.wastedA() == 0 && cd.wastedB() == 0) {
                    continue;
                }
                cats.row(cd.name(), human(cd.a()), human(cd.b()), style.delta(cd.difference(), Sizes.signed(cd.difference())),
                        cd.wastedA() == 0 ? style.dim("-") : human(cd.wastedA()),
                        cd.wastedB() == 0 ? style.dim("-") : human(cd.wastedB()));
            }
            cats.render(out);

        });
        blocks.put("package", () -> {
            packageDeltas(out, c);
        });
        blocks.put("dir", () -> {
            pathSet(out, "Dropped by B", c.dropped(), style::green);
            pathSet(out, "Added by B", c.added(), style::red);
            if (c.changed().files() > 0) {
                section(out, "Changed in B (" + count(c.changed().files()) + " files, " + human(c.changed().bytesA())
                        + " → " + human(c.changed().bytesB()) + ")");
                Table ch = new Table("  ", false, true, false, true);
                for (ComparisonReport.ChangedRow row : c.changed().largest()) {
                    ch.row(human(row.a()), "→", human(row.b()), fitPath(row.path(), 30));
                }
                ch.render(out);
            }
        });
        blocks.put("layer", () -> {
            section(out, "Layers of A");
            renderLayers(out, a, false);
            section(out, "Layers of B");
            renderLayers(out, b, false);
        });
        emit(blocks, by == null ? "category" : by);
        adviceStatus(out, c);
        warnings(out, a);
        warnings(out, b);
        return out.toString();
    }

    /**
     * Where the difference went, biggest first: categories whose bytes or waste changed by at least 1% of
     * the difference. "B saves 893 MB: toolchain -326 MB, os -245 MB, node_modules.dev -162 MB, …".
     */
    private String headline(ComparisonReport c) {
        long total = c.difference().imageSize();
        if (total == 0) {
            return "";
        }
        record Part(String name, long bytes) {
        }
        java.util.List<Part> parts = new java.util.ArrayList<>();
        for (ComparisonReport.CategoryDelta cd : c.categories()) {
            long visible = cd.difference();
            long waste = cd.wastedB() - cd.wastedA();
            if (visible != 0) {
                parts.add(new Part(cd.name(), visible));
            }
            if (waste != 0) {
                parts.add(new Part(cd.name() + " (wasted)", waste));
            }
        }
        parts.sort((x, y) -> Long.compare(Math.abs(y.bytes()), Math.abs(x.bytes())));
        StringBuilder sb = new StringBuilder();
        sb.append(total < 0 ? "B saves " + human(-total) + ": " : "B adds " + human(total) + ": ");
        int shown = 0;
        for (Part p : parts) {
            if (shown == 5 || Math.abs(p.bytes()) * 100 < Math.abs(total)) {
                break;
            }
            sb.append(shown == 0 ? "" : ", ").append(p.name()).append(' ').append(style.delta(p.bytes(), Sizes.signed(p.bytes())));
            shown++;
        }
        return shown == 0 ? "" : sb.toString();
    }

    private interface Color {
        String apply(String s);
    }

    private void pathSet(StringBuilder out, String title, ComparisonReport.PathSet set, Color color) {
        if (set.files() == 0) {
            section(out, title + ": nothing");
            return;
        }
        section(out, title + " (" + human(set.bytes()) + " in " + count(set.files()) + " files)");
        if (!set.directories().isEmpty()) {
            out.append("  ").append(style.dim("directories")).append('\n');
            Table dirs = new Table("    ", false, false, true);
            for (ImageReport.DirRow dr : set.directories()) {
                dirs.row(color.apply(human(dr.bytes())), plural(dr.files(), "file"), fitPath(dr.path(), 32));
            }
            dirs.render(out);
        }
        if (!set.largestFiles().isEmpty()) {
            out.append("  ").append(style.dim("files")).append('\n');
            Table files = new Table("    ", false, true, true);
            for (ImageReport.FileRow f : set.largestFiles()) {
                files.row(color.apply(human(f.bytes())), f.category(), fitPath(f.path(), 32));
            }
            files.render(out);
        }
    }

    private void renderLayers(StringBuilder out, ImageReport r, boolean detailed) {
        Table t = detailed ? new Table("  ", false, false, false, false, false, false, true)
                : new Table("  ", false, false, false, true);
        if (detailed) {
            t.row(style.dim("#"), style.dim("size"), style.dim("added"), style.dim("modified"), style.dim("deleted"),
                    style.dim("wasted"), style.dim("instruction"));
        } else {
            t.row(style.dim("#"), style.dim("size"), style.dim("wasted"), style.dim("instruction"));
        }
        int fixed = detailed ? 62 : 30;
        for (ImageReport.Layer l : r.layers()) {
            String num = (l.index() + 1) + (l.base() ? style.dim("b") : " ");
            String instr = Table.fit(clean(oneLine(l.instruction().isEmpty() ? "(no history)" : l.instruction())),
                    width - fixed);
            if (detailed) {
                t.row(num, human(l.size()), change('+', l.added(), l.addedBytes()), change('~', l.modified(),
                        l.modifiedBytes()), change('-', l.deleted(), l.deletedBytes()),
                        l.wastedBytes() == 0 ? style.dim("-") : style.yellow(human(l.wastedBytes())), instr);
            } else {
                t.row(num, human(l.size()), l.wastedBytes() == 0 ? style.dim("-") : style.yellow(human(l.wastedBytes())),
                        instr);
            }
        }
        t.render(out);
        out.append(style.dim("  b = base image layer")).append('\n');
    }

    private void packages(StringBuilder out, ImageReport r) {
        List<ImageReport.PackageRow> rows = r.packages();
        if (rows.size() <= 1) {
            return;
        }
        long owned = rows.stream().filter(p -> !p.key().equals("unowned")).count();
        section(out, "By package (" + count(owned) + " packages)");
        Table t = new Table("  ", false, false, true, true, true);
        int shown = 0;
        for (ImageReport.PackageRow p : rows) {
            if (shown++ >= Math.max(top, 1) && !p.key().equals("unowned")) {
                continue;
            }
            t.row(human(p.bytes()), plural(p.files(), "file"), p.ecosystem().equals("none") ? "" : p.ecosystem(),
                    clean(p.key().equals("unowned") ? "(no package)" : p.name() + " " + p.version()), style.dim(p.category()));
        }
        t.render(out);
        goBinaries(out, r);
    }

    private void goBinaries(StringBuilder out, ImageReport r) {
        if (r.goBinaries().isEmpty()) {
            return;
        }
        out.append("  ").append(style.dim("Go executables (their build information):")).append('\n');
        Table t = new Table("    ", true, false, true, true);
        List<ImageReport.GoBinaryRow> rows = r.goBinaries();
        for (ImageReport.GoBinaryRow g : rows.subList(0, Math.min(rows.size(), Math.max(top, 1)))) {
            String what = g.module() != null ? g.module() + " " + g.moduleVersion() : g.mainPackage();
            t.row(clean(g.path()), human(g.bytes()), clean(g.goVersion()), clean(what));
        }
        t.render(out);
        if (rows.size() > Math.max(top, 1)) {
            out.append("    ").append(style.dim("… and " + (rows.size() - Math.max(top, 1)) + " more")).append('\n');
        }
    }

    private void adviceStatus(StringBuilder out, ComparisonReport c) {
        if (c.advice().isEmpty()) {
            return;
        }
        section(out, "Advice: what B fixed and what remains");
        Table t = new Table("  ", true, false, false, true);
        t.row("", style.dim("A"), style.dim("B"), "");
        for (ComparisonReport.AdviceStatus s : c.advice()) {
            String mark = switch (s.status()) {
                case "fixed" -> style.green("fixed");
                case "reduced" -> style.green("reduced");
                case "new" -> style.red("new in B");
                default -> style.yellow("remains");
            };
            t.row(mark, human(s.bytesA()), human(s.bytesB()), clean(oneLine(s.title())));
        }
        t.render(out);
        c.advice().stream().filter(s -> s.status().equals("remaining") || s.status().equals("new")).findFirst().ifPresent(s ->
                out.append("  ").append(style.dim("next: " + Table.fit(clean(s.action()), width - 10))).append('\n'));
    }

    private void packageDeltas(StringBuilder out, ComparisonReport c) {
        List<ComparisonReport.PackageDelta> rows = c.packages().stream()
                .filter(d -> !(d.ecosystem().equals("none"))).toList();
        if (rows.isEmpty()) {
            return;
        }
        long removed = rows.stream().filter(d -> d.change().equals("removed")).count();
        long added = rows.stream().filter(d -> d.change().equals("added")).count();
        long changed = rows.size() - removed - added;
        section(out, "Packages: " + removed + " removed, " + added + " added, " + changed + " changed");
        Table t = new Table("  ", false, true, true, true);
        for (ComparisonReport.PackageDelta d : rows.subList(0, Math.min(rows.size(), Math.max(top, 1)))) {
            long diff = d.bytesB() - d.bytesA();
            String version = d.change().equals("changed") && !java.util.Objects.equals(d.versionA(), d.versionB())
                    ? d.versionA() + " → " + d.versionB() : d.versionA() != null ? d.versionA() : d.versionB();
            t.row(style.delta(diff, Sizes.signed(diff)), d.change(), d.ecosystem(), clean(d.name() + " " + version));
        }
        t.render(out);
    }

    /** The largest files each sizeable layer (at least 1% of the image) added or modified. */
    private void largestPerLayer(StringBuilder out, ImageReport r) {
        StringBuilder largest = new StringBuilder();
        for (ImageReport.Layer l : r.layers()) {
            List<ImageReport.ChangeRow> rows = l.largest();
            if (rows.isEmpty() || l.size() * 100 < r.totals().imageSize()) {
                continue;
            }
            largest.append("  ").append(style.dim("layer " + (l.index() + 1) + "  "
                    + Table.fit(clean(oneLine(l.instruction())), width - 14))).append('\n');
            Table lt = new Table("    ", false, true, true);
            for (int i = 0; i < Math.min(LARGEST_PER_LAYER, rows.size()); i++) {
                ImageReport.ChangeRow row = rows.get(i);
                lt.row(human(row.bytes()), row.change(), fitPath(row.path(), 30));
            }
            lt.render(largest);
        }
        if (largest.length() > 0) {
            section(out, "Largest files of each big layer");
            out.append(largest);
        }
    }

    /** The chosen main table first, the others after it in their usual order. */
    private static void emit(Map<String, Runnable> blocks, String first) {
        Runnable main = blocks.get(first);
        if (main != null) {
            main.run();
        }
        blocks.forEach((k, v) -> {
            if (!k.equals(first)) {
                v.run();
            }
        });
    }

    /** Instructions keep their shell formatting in the history; a table row wants one line. */
    static String oneLine(String s) {
        return s.replaceAll("[ \\t\\n\\r]+", " ").strip();
    }

    private static String plural(int n, String one) {
        return count(n) + " " + one + (n == 1 ? "" : "s");
    }

    private String change(char sign, int n, long bytes) {
        if (n == 0) {
            return style.dim("-");
        }
        return sign + count(n) + (bytes > 0 ? " " + style.dim("(" + human(bytes) + ")") : "");
    }

    private void warnings(StringBuilder out, ImageReport r) {
        if (r.warnings().isEmpty()) {
            return;
        }
        section(out, "Warnings for " + name(r));
        for (String w : r.warnings()) {
            out.append("  ").append(style.yellow("!")).append(' ').append(Table.fit(clean(w), width - 4)).append('\n');
        }
    }

    private void section(StringBuilder out, String title) {
        out.append('\n').append(style.bold(title)).append('\n');
    }

    private String fitPath(String path, int reserved) {
        return Table.fit(clean(path), Math.max(20, width - reserved));
    }

    /** The tag, or the reference when the image has no tag. */
    static String name(ImageReport r) {
        String tag = r.image().repoTag();
        return clean(tag != null && !tag.isEmpty() ? tag : r.image().reference());
    }

    private static String describeSource(ImageReport r) {
        ImageReport.Image i = r.image();
        StringBuilder sb = new StringBuilder(clean(i.reference()));
        sb.append(" · ").append(clean(i.format()));
        if (i.platform() != null) {
            sb.append(" · ").append(clean(i.platform()));
        }
        if (i.id() != null) {
            String id = clean(i.id());
            sb.append(" · id ").append(id.length() > 19 ? id.substring(0, 19) : id);
        }
        return sb.toString();
    }

    private static boolean uncompressed(ImageReport r) {
        return !r.layers().isEmpty() && r.layers().stream().allMatch(l -> "none".equals(l.compression()));
    }

    private static String compressionNote(ImageReport r) {
        if (uncompressed(r)) {
            return "layers stored uncompressed, as docker save writes them (a push would compress them)";
        }
        return "layer blobs as stored: what a pull transfers";
    }

    private static double frac(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
