package dev.imgdiff.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imgdiff A B}: compares two images; {@code imgdiff IMAGE}: analyses one. */
@Command(name = "imgdiff",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "",
        header = "Why is a container image big, and what did the multi-stage rewrite save?",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "imgdiff [OPTIONS] NAIVE SLIM      compare two images",
            "       imgdiff analyze [OPTIONS] IMAGE   one image, layer by layer",
            "       imgdiff explore IMAGE [IMAGE]     explore layers and files in the terminal",
            "       imgdiff build DOCKERFILE          build each stage and compare the fattest with the final image",
            "       imgdiff build --naive F --slim G  build two Dockerfiles and compare them",
            "       imgdiff save IMAGE -o FILE.tar    keep an image from the daemon or a registry",
            "       imgdiff budget IMAGE --budget F   check an image against size budgets (exit 1 when broken)",
            "       imgdiff demo [OPTIONS]            compare the bundled naive/multi-stage pair"},
        descriptionHeading = "%n",
        description = {
            "Images: docker-archive:FILE[:NAME:TAG], oci:DIR[:TAG], oci-archive:FILE[:TAG], a bare file or folder,",
            "or - for a `docker save` stream on standard input."},
        parameterListHeading = "%nParameters:%n",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:a budget gate failed",
            "2:usage error",
            "3:image or I/O error",
            "4:internal error (a bug: please report it with --debug output)"},
        subcommands = {AnalyzeCommand.class, ExploreCommand.class, BuildCommand.class, SaveCommand.class,
            BudgetCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class ImgdiffCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "IMAGE", description = "One image to analyse, or two to compare (A, then B).")
    List<String> images = new ArrayList<>();

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    dev.imgdiff.cli.budget.BudgetOptions budgetOptions;

    public ImgdiffCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (images.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "name two images to compare (or one to analyse)");
        }
        if (images.size() > 2) {
            throw new CommandLine.ParameterException(cmd, "too many images: compare two at a time");
        }
        Runs.Gate gate = null;
        if (budgetOptions.active()) {
            try {
                gate = BudgetCommand.gate(budgetOptions, imageOptions, outputOptions, console, images);
            } catch (dev.imgdiff.budget.BudgetException e) {
                return BudgetCommand.usageError(console, e);
            }
        }
        if (images.size() == 1) {
            return Runs.analyzeOne(images.get(0), imageOptions, outputOptions, console, cmd, gate);
        }
        return Runs.compare(images.get(0), images.get(1), imageOptions, outputOptions, console, cmd, gate);
    }

    boolean debug() {
        return outputOptions != null && outputOptions.debug;
    }
}
