package dev.imgdiff.cli;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.budget.Baseline;
import dev.imgdiff.budget.Budget;
import dev.imgdiff.budget.BudgetException;
import dev.imgdiff.report.Reports;
import dev.imgdiff.cli.budget.BudgetGate;
import dev.imgdiff.cli.budget.BudgetOptions;
import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.source.ImageReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imgdiff budget IMAGE --budget FILE}: a CI gate on an image's size. */
@Command(name = "budget", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Checks an image against size budgets: image, compressed and content size, layers, waste, "
            + "efficiency, bytes per category and per package, forbidden paths, growth over a baseline, or dive's "
            + ".dive-ci rules. Prints each rule with its limit and the actual figure; exit code 1 when one is broken.")
public final class BudgetCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (see imgdiff --help for the forms).")
    String image;

    @Option(names = "--baseline", paramLabel = "REPORT.json|IMAGE",
            description = "Measure growth against a report saved by `imgdiff analyze --format json -o FILE`, or an image.")
    String baseline;

    @Mixin
    BudgetOptions budgetOptions;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "Largest paths or layers listed under each broken rule (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--no-color", description = "No colours (also: NO_COLOR set, or output not a terminal).")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    public BudgetCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (top < 0) {
            throw new CommandLine.ParameterException(cmd, "--top must be 0 or more");
        }
        Budget budget;
        Baseline base = null;
        try {
            budget = budgetOptions.load();
            if (budget.needsBaseline() && baseline == null) {
                throw new BudgetException("max-growth needs a baseline: --baseline REPORT.json or IMAGE");
            }
            if (baseline != null && Reports.looksLikeReport(Path.of(baseline))) {
                base = Baseline.read(Path.of(baseline));
            }
        } catch (BudgetException e) {
            return usageError(console, e);
        }
        ImageReference ref = Runs.reference(cmd, image);
        ImageReference baseRef = null;
        if (baseline != null && base == null) {
            baseRef = Runs.reference(cmd, baseline);
            if (ref.transport() == ImageReference.Transport.STDIN && baseRef.transport() == ImageReference.Transport.STDIN) {
                throw new CommandLine.ParameterException(cmd, "only one image can come from standard input");
            }
        }
        if (budget.needsDive()) {
            imageOptions.dive = true;
        }
        Analysis a = Runs.analyze(ref, imageOptions, console, cmd);
        warnings(a);
        if (baseRef != null) {
            base = Baseline.of(baseline, Runs.analyze(baseRef, imageOptions, console, cmd));
        }
        BudgetGate gate = new BudgetGate(budget, budgetOptions.junit(), budgetOptions.markdown(), top);
        return gate.check(a, image, base, console.out(), !noColor && console.colorByDefault(), console.err());
    }

    private void warnings(Analysis a) {
        for (String w : a.warnings()) {
            console.err().println("imgdiff: warning: " + Sanitizer.clean(w));
        }
    }

    /**
     * The gate of {@code imgdiff A B --budget FILE} (and {@code imgdiff IMAGE --budget FILE}): checks the last
     * image, with A as the baseline in a comparison. The summary follows a text report on standard output, or
     * goes to standard error when standard output carries a report for programs.
     */
    static Runs.Gate gate(BudgetOptions bo, ImageOptions io, OutputOptions oo, Console console, List<String> images)
            throws BudgetException {
        Budget budget = bo.load();
        if (budget.needsBaseline() && images.size() < 2) {
            throw new BudgetException("max-growth needs a baseline: compare two images (A is the baseline), or use "
                    + "imgdiff budget IMAGE --baseline REPORT.json");
        }
        if (budget.needsDive()) {
            io.dive = true;
        }
        BudgetGate g = new BudgetGate(budget, bo.junit(), bo.markdown(), 5);
        boolean reportForPrograms = oo.format != OutputOptions.Format.text && (oo.output == null || oo.output.equals("-"));
        PrintWriter out = reportForPrograms ? console.err() : console.out();
        boolean color = !oo.noColor && !reportForPrograms && console.colorByDefault();
        String nameB = images.get(images.size() - 1);
        String nameA = images.size() == 2 ? images.get(0) : null;
        return (a, b) -> {
            if (!reportForPrograms) {
                out.println();
            }
            return g.check(b, nameB, a == null ? null : Baseline.of(nameA, a), out, color, console.err());
        };
    }

    /** A budget that cannot be used: one line, exit code 2. */
    static int usageError(Console console, BudgetException e) {
        console.err().println("imgdiff: " + Sanitizer.clean(e.getMessage()));
        console.err().flush();
        return ExitCodes.USAGE;
    }
}
