package dev.imgdiff.cli;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.cli.render.HtmlRenderer;
import dev.imgdiff.cli.render.MarkdownRenderer;
import dev.imgdiff.cli.render.Style;
import dev.imgdiff.cli.render.TextRenderer;
import dev.imgdiff.cli.render.html.TreeBox;
import dev.imgdiff.cli.render.html.TreeMaps;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.report.ComparisonReport;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.ReportBuilder;
import dev.imgdiff.report.Reports;
import dev.imgdiff.source.ImageReference;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** The steps the commands share: parse references, analyse, build the report, write it out. */
final class Runs {
    private Runs() {
    }

    static ImageReference reference(CommandLine cmd, String s) {
        try {
            return ImageReference.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    static Analysis analyze(ImageReference ref, ImageOptions io, Console console, CommandLine cmd)
            throws ImageException {
        Analyzer analyzer;
        try {
            analyzer = new Analyzer(io.readOptions(java.util.List.of(ref.location())), io.baseLayers).withDive(io.dive);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        return analyzer.analyze(ref, console.in());
    }

    /** What runs once the report is out (a budget): it gets the analyses and gives the exit code. */
    interface Gate {
        /** @param baseline image A of a comparison, or null for one image */
        int check(Analysis baseline, Analysis image) throws ImageException, IOException;
    }

    static int analyzeOne(String image, ImageOptions io, OutputOptions oo, Console console, CommandLine cmd)
            throws ImageException, IOException {
        return analyzeOne(image, io, oo, console, cmd, null);
    }

    static int analyzeOne(String image, ImageOptions io, OutputOptions oo, Console console, CommandLine cmd,
                          Gate gate) throws ImageException, IOException {
        checkOutput(oo, cmd);
        Analysis a = analyze(reference(cmd, image), io, console, cmd);
        ImageReport report = builder(oo).image(a);
        emit(report, trees(oo, a), oo, console);
        return gate == null ? ExitCodes.OK : gate.check(null, a);
    }

    static int compare(String imageA, String imageB, ImageOptions io, OutputOptions oo, Console console,
                       CommandLine cmd) throws ImageException, IOException {
        return compare(imageA, imageB, io, oo, console, cmd, null);
    }

    static int compare(String imageA, String imageB, ImageOptions io, OutputOptions oo, Console console,
                       CommandLine cmd, Gate gate) throws ImageException, IOException {
        checkOutput(oo, cmd);
        ImageReference ra = reference(cmd, imageA);
        ImageReference rb = reference(cmd, imageB);
        if (ra.transport() == ImageReference.Transport.STDIN && rb.transport() == ImageReference.Transport.STDIN) {
            throw new CommandLine.ParameterException(cmd, "only one image can come from standard input");
        }
        Analysis a = analyze(ra, io, console, cmd);
        Analysis b = analyze(rb, io, console, cmd);
        ComparisonReport report = builder(oo).compare(a, b);
        emit(report, trees(oo, a, b), oo, console);
        return gate == null ? ExitCodes.OK : gate.check(a, b);
    }

    /** JSON reports carry every path's history, so that {@code imgdiff explore REPORT.json} can reopen them. */
    static ReportBuilder builder(OutputOptions oo) {
        return new ReportBuilder(oo.top).withFiles(oo.format == OutputOptions.Format.json);
    }

    private static void checkOutput(OutputOptions oo, CommandLine cmd) {
        if (oo.top < 0) {
            throw new CommandLine.ParameterException(cmd, "--top must be 0 or more");
        }
    }

    /** The directory trees the HTML report draws, one per analysis; none for the other formats. */
    private static java.util.List<TreeBox> trees(OutputOptions oo, Analysis... analyses) {
        if (oo.format != OutputOptions.Format.html) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(analyses).map(TreeMaps::of).toList();
    }

    static void emit(Object report, OutputOptions oo, Console console) throws IOException {
        emit(report, java.util.List.of(), oo, console);
    }

    /** Writes the report in the chosen format; {@code trees} (one per image) feed the HTML treemaps. */
    static void emit(Object report, java.util.List<TreeBox> trees, OutputOptions oo, Console console)
            throws IOException {
        boolean toFile = oo.output != null && !oo.output.equals("-");
        Body body;
        if (oo.format == OutputOptions.Format.json) {
            // Streamed: with its per-path records a report can run to tens of MB.
            body = w -> new Reports().write(report, w);
        } else {
            String text;
            if (oo.format == OutputOptions.Format.markdown) {
                MarkdownRenderer r = new MarkdownRenderer(oo.top);
                text = report instanceof ComparisonReport c ? r.render(c) : r.render((ImageReport) report);
            } else if (oo.format == OutputOptions.Format.html) {
                HtmlRenderer r = new HtmlRenderer();
                text = report instanceof ComparisonReport c
                        ? r.render(c, trees.size() == 2 ? trees.get(0) : null, trees.size() == 2 ? trees.get(1) : null)
                        : r.render((ImageReport) report, trees.size() == 1 ? trees.get(0) : null);
            } else {
                Style style = new Style(!oo.noColor && !toFile && console.colorByDefault());
                TextRenderer r = new TextRenderer(style, toFile ? 120 : console.width(), oo.top,
                        oo.by == null ? null : oo.by == OutputOptions.By.package_ ? "package" : oo.by.name());
                text = report instanceof ComparisonReport c ? r.render(c) : r.render((ImageReport) report);
            }
            body = w -> w.write(text);
        }
        if (toFile) {
            Path p = Path.of(oo.output);
            try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                body.write(w);
            } catch (IOException e) {
                throw new OutputException("cannot write " + oo.output + ": " + reason(e), e);
            }
            console.err().println("imgdiff: wrote " + oo.output);
        } else {
            body.write(console.out());
            console.out().flush();
        }
    }

    /** Writes a report's text. */
    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The report could not be written where the user asked. */
    static final class OutputException extends IOException {
        OutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
