package dev.imgdiff.cli;

import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imgdiff demo}: writes the bundled pair of images (a naive single-stage build and its
 * multi-stage rewrite, as {@code docker save} archives) and compares them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Writes a bundled pair of images — a naive single-stage build and its multi-stage rewrite,",
            "as `docker save` archives modelled on real Dockerfiles — and compares them."})
public final class DemoCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = "node",
            description = "node, go or python (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "1.0",
            description = "Multiply file sizes (default: ${DEFAULT-VALUE}, sizes like the real images).")
    double scale;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep the archives in DIR (default: a temporary folder, removed afterwards).")
    Path dir;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions outputOptions;

    public DemoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (!(scale > 0) || scale > 10) {
            throw new CommandLine.ParameterException(cmd, "--scale must be above 0 and at most 10");
        }
        StackPair pair;
        try {
            pair = Stacks.pair(stack, scale);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        Path target = dir != null ? dir : Files.createTempDirectory("imgdiff-demo-");
        try {
            Files.createDirectories(target);
            Path naive = target.resolve(pair.name() + "-naive.tar");
            Path slim = target.resolve(pair.name() + "-slim.tar");
            ArchiveWriter.write(pair.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, naive);
            ArchiveWriter.write(pair.slim(), Shape.DOCKER_LEGACY, LayerCompression.NONE, slim);
            console.err().println("imgdiff demo: " + pair.description());
            console.err().println("  A " + naive + " (" + Sizes.human(Files.size(naive)) + ")");
            console.err().println("  B " + slim + " (" + Sizes.human(Files.size(slim)) + ")");
            console.err().println();
            console.err().flush();
            return Runs.compare(naive.toString(), slim.toString(), imageOptions, outputOptions, console, cmd);
        } finally {
            if (dir == null) {
                deleteTree(target);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
