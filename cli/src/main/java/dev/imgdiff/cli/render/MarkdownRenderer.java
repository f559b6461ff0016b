package dev.imgdiff.cli.render;

import static dev.imgdiff.cli.render.Sizes.count;
import static dev.imgdiff.cli.render.Sizes.human;

import dev.imgdiff.report.ComparisonReport;
import dev.imgdiff.report.ImageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders reports as GitHub-flavoured Markdown, compact enough for a pull-request comment: the totals,
 * the ratio, the categories, the largest changes and the advice. Every string from an image goes through
 * {@link Sanitizer#clean} and then {@link #text}, so a path holding {@code |}, backticks, {@code <script>}
 * or control characters shows as itself and cannot break a table or inject markup.
 */
public final class MarkdownRenderer {
    /** Instructions and paths longer than this are cut (with "…") to keep tables readable. */
    private static final int MAX_TEXT = 120;
    private final int top;

    /** @param top rows in the lists of largest directories, files, packages and layers */
    public MarkdownRenderer(int top) {
        this.top = Math.max(0, top);
    }

    /** One image. */
    public String render(ImageReport r) {
        StringBuilder out = new StringBuilder();
        ImageReport.Totals t = r.totals();
        out.append("### imgdiff: ").append(text(name(r))).append("\n\n");
        out.append(text(source(r))).append("\n\n");
        out.append("| | |\n|---|--:|\n");
        row(out, "image size", "**" + human(t.imageSize()) + "**");
        row(out, uncompressed(r) ? "layer tars" : "compressed", human(t.compressedSize()));
        row(out, "content", human(t.contentSize()));
        row(out, "wasted", human(t.wastedBytes()) + " (" + Sizes.percent(frac(t.wastedBytes(), t.imageSize())) + ")");
        row(out, "efficiency", Sizes.percent(t.efficiency()));
        row(out, "files", count(t.files()));
        row(out, "layers", count(t.layers()) + " (" + t.baseLayers() + " from the base image)");
        if (r.dive() != null) {
            row(out, "dive efficiency", Sizes.percent(r.dive().efficiency()));
        }

        List<ImageReport.CategoryRow> cats = r.categories().stream()
                .filter(c -> c.bytes() != 0 || c.wastedBytes() != 0).toList();
        if (!cats.isEmpty()) {
            out.append("\n#### By category\n\n| category | bytes | share | files | wasted |\n|---|--:|--:|--:|--:|\n");
            for (ImageReport.CategoryRow c : cats) {
                row(out, text(c.name()), human(c.bytes()), Sizes.percent(frac(c.bytes(), t.contentSize())),
                        count(c.files()), c.wastedBytes() == 0 ? "–" : human(c.wastedBytes()));
            }
        }

        if (!r.layers().isEmpty()) {
            out.append("\n#### Layers\n\n| # | size | wasted | instruction |\n|--:|--:|--:|---|\n");
            List<ImageReport.Layer> layers = r.layers();
            for (ImageReport.Layer l : layers) {
                row(out, String.valueOf(l.index() + 1) + (l.base() ? " (base)" : ""), human(l.size()),
                        l.wastedBytes() == 0 ? "–" : human(l.wastedBytes()), text(cut(l.instruction())));
            }
        }

        if (!r.largestDirectories().isEmpty() && top > 0) {
            out.append("\n#### Largest directories\n\n| bytes | files | directory |\n|--:|--:|---|\n");
            for (ImageReport.DirRow d : limit(r.largestDirectories())) {
                row(out, human(d.bytes()), count(d.files()), text(cut(d.path())));
            }
        }
        if (!r.largestFiles().isEmpty() && top > 0) {
            out.append("\n#### Largest files\n\n| bytes | category | file |\n|--:|---|---|\n");
            for (ImageReport.FileRow f : limit(r.largestFiles())) {
                row(out, human(f.bytes()), text(f.category()), text(cut(f.path())));
            }
        }

        if (!r.advice().isEmpty()) {
            out.append("\n#### What could still be cut\n\n| saves | what | how |\n|--:|---|---|\n");
            for (ImageReport.AdviceRow a : r.advice()) {
                row(out, (a.upTo() ? "up to " : "") + human(a.bytes()), text(cut(a.title())), text(cut(a.action())));
            }
        }
        warnings(out, r.warnings(), null);
        return out.toString();
    }

    /** Two images: A, usually the naive build, and B, its rewrite. */
    public String render(ComparisonReport c) {
        StringBuilder out = new StringBuilder();
        ImageReport a = c.a();
        ImageReport b = c.b();
        ImageReport.Totals ta = a.totals();
        ImageReport.Totals tb = b.totals();
        out.append("### imgdiff: ").append(text(name(a))).append(" → ").append(text(name(b))).append("\n\n");
        out.append("**").append(Sizes.ratio(ta.imageSize(), tb.imageSize())).append("**");
        long d = c.difference().imageSize();
        if (d != 0) {
            out.append(": ").append(d < 0 ? "B saves " + human(-d) : "B adds " + human(d));
        }
        out.append(".\n\n");
        out.append("| | A | B | difference |\n|---|--:|--:|--:|\n");
        row(out, "image size", human(ta.imageSize()), human(tb.imageSize()), "**" + Sizes.signed(d) + "**");
        row(out, uncompressed(a) && uncompressed(b) ? "layer tars" : "compressed", human(ta.compressedSize()),
                human(tb.compressedSize()), Sizes.signed(c.difference().compressedSize()));
        row(out, "content", human(ta.contentSize()), human(tb.contentSize()), Sizes.signed(c.difference().contentSize()));
        row(out, "wasted", human(ta.wastedBytes()), human(tb.wastedBytes()), Sizes.signed(c.difference().wastedBytes()));
        row(out, "layers", count(ta.layers()), count(tb.layers()), Sizes.signedCount(c.difference().layers()));
        row(out, "files", count(ta.files()), count(tb.files()), Sizes.signedCount(c.difference().files()));

        List<ComparisonReport.CategoryDelta> cats = c.categories().stream()
                .filter(x -> x.a() != 0 || x.b() != 0 || x.wastedA() != 0 || x.wastedB() != 0).toList();
        if (!cats.isEmpty()) {
            out.append("\n#### By category\n\n| category | A | B | difference | wasted A | wasted B |\n")
                    .append("|---|--:|--:|--:|--:|--:|\n");
            for (ComparisonReport.CategoryDelta x : cats) {
                row(out, text(x.name()), human(x.a()), human(x.b()), Sizes.signed(x.difference()),
                        x.wastedA() == 0 ? "–" : human(x.wastedA()), x.wastedB() == 0 ? "–" : human(x.wastedB()));
            }
        }

        record Change(String kind, long bytes, int files, String path) {
        }
        List<Change> changes = new ArrayList<>();
        for (ImageReport.DirRow r : c.dropped().directories()) {
            changes.add(new Change("dropped", -r.bytes(), r.files(), r.path() + "/"));
        }
        for (ImageReport.DirRow r : c.added().directories()) {
            changes.add(new Change("added", r.bytes(), r.files(), r.path() + "/"));
        }
        for (ComparisonReport.ChangedRow r : c.changed().largest()) {
            changes.add(new Change("changed", r.b() - r.a(), 1, r.path()));
        }
        changes.sort((x, y) -> Long.compare(Math.abs(y.bytes()), Math.abs(x.bytes())));
        if (!changes.isEmpty() && top > 0) {
            out.append("\n#### Largest changes\n\n")
                    .append("Dropped by B: ").append(human(c.dropped().bytes())).append(" in ")
                    .append(count(c.dropped().files())).append(" files · added by B: ").append(human(c.added().bytes()))
                    .append(" in ").append(count(c.added().files())).append(" files · changed: ")
                    .append(count(c.changed().files())).append(" files\n\n")
                    .append("| | bytes | files | path |\n|---|--:|--:|---|\n");
            for (Change ch : changes.subList(0, Math.min(top, changes.size()))) {
                row(out, ch.kind(), Sizes.signed(ch.bytes()), count(ch.files()), text(cut(ch.path())));
            }
        }

        List<ComparisonReport.PackageDelta> pkgs = c.packages().stream().filter(p -> !p.ecosystem().equals("none"))
                .toList();
        if (!pkgs.isEmpty() && top > 0) {
            out.append("\n#### Packages\n\n| | difference | package | version |\n|---|--:|---|---|\n");
            for (ComparisonReport.PackageDelta p : pkgs.subList(0, Math.min(top, pkgs.size()))) {
                String version = p.change().equals("changed") && !Objects.equals(p.versionA(), p.versionB())
                        ? p.versionA() + " → " + p.versionB() : p.versionA() != null ? p.versionA() : p.versionB();
                row(out, p.change(), Sizes.signed(p.bytesB() - p.bytesA()), text(cut(p.ecosystem() + ":" + p.name())),
                        text(cut(Objects.toString(version, ""))));
            }
        }

        if (!c.advice().isEmpty()) {
            out.append("\n#### Advice\n\n| | A | B | what | how |\n|---|--:|--:|---|---|\n");
            for (ComparisonReport.AdviceStatus s : c.advice()) {
                String mark = switch (s.status()) {
                    case "fixed" -> "✅ fixed";
                    case "reduced" -> "✅ reduced";
                    case "new" -> "⚠️ new in B";
                    default -> "⚠️ remains";
                };
                row(out, mark, human(s.bytesA()), human(s.bytesB()), text(cut(s.title())), text(cut(s.action())));
            }
        }
        warnings(out, a.warnings(), "A");
        warnings(out, b.warnings(), "B");
        return out.toString();
    }

    /**
     * Text from an image made safe for Markdown and HTML: control characters, bidi overrides and invalid
     * UTF-8 shown as escapes, then Markdown's and HTML's special characters escaped, so the text renders
     * as itself inside a paragraph or a table cell.
     */
    public static String text(String s) {
        String clean = Sanitizer.clean(s);
        StringBuilder sb = new StringBuilder(clean.length() + 8);
        for (int i = 0; i < clean.length(); i++) {
            char ch = clean.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '|' -> sb.append("\\|");
                case '\\', '`', '*', '_', '[', ']', '~', '$' -> sb.append('\\').append(ch);
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c).append(" |");
        }
        out.append('\n');
    }

    private <T> List<T> limit(List<T> rows) {
        return rows.subList(0, Math.min(top, rows.size()));
    }

    private static void warnings(StringBuilder out, List<String> warnings, String which) {
        if (warnings.isEmpty()) {
            return;
        }
        out.append("\n").append(which == null ? "Warnings" : "Warnings about " + which).append(":\n\n");
        for (String w : warnings) {
            out.append("- ").append(text(cut(w))).append('\n');
        }
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        String one = s.strip();
        return one.length() <= MAX_TEXT ? one : one.substring(0, MAX_TEXT - 1) + "…";
    }

    static String name(ImageReport r) {
        String tag = r.image().repoTag();
        return tag != null && !tag.isEmpty() ? tag : r.image().reference();
    }

    private static String source(ImageReport r) {
        ImageReport.Image i = r.image();
        StringBuilder sb = new StringBuilder(i.reference()).append(" · ").append(i.format());
        if (i.platform() != null) {
            sb.append(" · ").append(i.platform());
        }
        return sb.toString();
    }

    private static boolean uncompressed(ImageReport r) {
        return r.layers().stream().allMatch(l -> "none".equals(l.compression()));
    }

    private static double frac(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
