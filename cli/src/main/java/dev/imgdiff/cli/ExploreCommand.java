package dev.imgdiff.cli;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.cli.explore.ExplorerApp;
import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.report.ComparisonReport;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.ReportBuilder;
import dev.imgdiff.report.Reports;
import dev.imgdiff.source.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imgdiff explore IMAGE [IMAGE]}: the full-screen layer explorer. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Explore an image layer by layer in the terminal, or two images side by side.",
            "An IMAGE may also be a JSON report (imgdiff analyze IMAGE --format json -o a.json): it opens",
            "without reading the image again. A comparison report opens both of its images.",
            "Keys: arrows or j/k, PgUp/PgDn, g/G, Tab, Space, /, L, ? for help, q to quit."})
public final class ExploreCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "IMAGE", description = "An image (see imgdiff --help) or a JSON report; "
            + "two to compare.")
    List<String> images = new ArrayList<>();

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--no-color", description = "No colours (also: NO_COLOR set).")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    public ExploreCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (!console.tty()) {
            console.err().println("imgdiff: explore needs an interactive terminal, and standard input or output is "
                    + "not one; for a report use: imgdiff analyze IMAGE");
            return ExitCodes.USAGE;
        }
        List<ImageReport> reports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String image : images) {
            Path p = Path.of(image.isEmpty() ? "." : image);
            if (Files.isRegularFile(p) && image.endsWith(".json") || Reports.looksLikeReport(p)) {
                Object r = new Reports().read(p);
                if (r instanceof ComparisonReport c) {
                    add(reports, names, c.a(), image + " (A)");
                    add(reports, names, c.b(), image + " (B)");
                } else {
                    add(reports, names, (ImageReport) r, image);
                }
            } else {
                reports.add(scan(cmd, image));
                names.add(image);
            }
        }
        if (reports.size() > 2) {
            throw new CommandLine.ParameterException(cmd, "explore shows one or two images; a comparison report "
                    + "already holds two");
        }
        boolean color = !noColor && console.colorByDefault();
        return ExplorerApp.run(reports, names, color, console.err());
    }

    private static void add(List<ImageReport> reports, List<String> names, ImageReport r, String name)
            throws IOException {
        if (r.files() == null) {
            throw new IOException(name + " has no path records: write it with "
                    + "imgdiff analyze IMAGE --format json -o FILE");
        }
        if (r.totals() == null || r.layers() == null || r.categories() == null || r.packages() == null
                || r.files().entries().stream().anyMatch(java.util.Objects::isNull)
                || r.layers().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IOException(name + " is not a complete imgdiff report (totals, layers, categories, packages "
                    + "and path records are needed)");
        }
        reports.add(r);
        names.add(r.image() != null && r.image().repoTag() != null ? r.image().repoTag() : name);
    }

    /** Reads the image, showing progress on standard error, and reports it with every path's history. */
    private ImageReport scan(CommandLine cmd, String image) throws ImageException {
        ImageReference ref = Runs.reference(cmd, image);
        LongAdder bytes = new LongAdder();
        AtomicInteger layers = new AtomicInteger();
        long start = System.nanoTime();
        String label = Sanitizer.clean(image);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        Runnable show = () -> {
            double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            long b = bytes.sum();
            console.err().print("\rimgdiff: reading " + label + ": " + layers.get() + " layers done, "
                    + Sizes.human(b) + " read, " + Sizes.human((long) (b / secs)) + "/s   ");
            console.err().flush();
        };
        ticker.scheduleAtFixedRate(show, 200, 250, TimeUnit.MILLISECONDS);
        try {
            Analyzer analyzer;
            try {
                var ro = imageOptions.readOptions(List.of(ref.location()));
                analyzer = new Analyzer(ro.withScan(ro.scan().withProgress(bytes::add)), imageOptions.baseLayers)
                        .withDive(imageOptions.dive);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
            Analysis a = analyzer.analyze(ref, console.in(), layers::incrementAndGet);
            return new ReportBuilder(10).withFiles(true).image(a);
        } finally {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            show.run();
            console.err().println();
        }
    }
}
