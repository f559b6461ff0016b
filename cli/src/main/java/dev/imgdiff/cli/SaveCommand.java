package dev.imgdiff.cli;

import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.source.ImageSaver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imgdiff save REF -o FILE.tar}: keeps an image from the daemon or a registry for later runs. */
@Command(name = "save", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Writes an image from the Docker daemon (a docker save archive) or a registry (an",
            "oci-archive of its blobs, digests checked) to a file, so that later runs need neither."})
public final class SaveCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "docker-daemon:NAME:TAG, docker://REGISTRY/NAME:TAG, or a bare name.")
    String image;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the tar.")
    Path output;

    @Mixin
    ImageOptions imageOptions;

    public SaveCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        dev.imgdiff.source.ReadOptions options;
        try {
            options = imageOptions.readOptions(List.of(image));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ImageSaver.Saved s = ImageSaver.save(Runs.reference(spec.commandLine(), image), options, output);
        console.err().println("imgdiff: saved " + Sanitizer.clean(image) + " from " + Sanitizer.clean(s.source())
                + " to " + s.file() + " (" + Sizes.human(s.bytes()) + ")");
        return ExitCodes.OK;
    }
}
