package dev.imgdiff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imgdiff analyze IMAGE}. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"One image: its layers with the instruction that made each, what they add, modify and",
            "delete, wasted bytes, size by category, and the largest files and directories."})
public final class AnalyzeCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (see imgdiff --help for the forms).")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions outputOptions;

    public AnalyzeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        return Runs.analyzeOne(image, imageOptions, outputOptions, console, spec.commandLine());
    }
}
