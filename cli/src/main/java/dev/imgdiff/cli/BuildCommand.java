package dev.imgdiff.cli;

import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.source.DockerBuild;
import dev.imgdiff.source.DockerDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imgdiff build}: builds with the Docker daemon and compares. With one multi-stage Dockerfile,
 * every stage is built ({@code --target}) and the fattest build stage — what a naive single-stage build
 * would ship — is compared with the final image; with {@code --naive} and {@code --slim}, both files are
 * built and compared.
 */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Builds a multi-stage Dockerfile stage by stage and compares its fattest build stage with",
            "the final image, or builds --naive and --slim Dockerfiles and compares them."})
public final class BuildCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DOCKERFILE", description = "A multi-stage Dockerfile.")
    Path dockerfile;

    @Option(names = "--naive", paramLabel = "DOCKERFILE", description = "The naive single-stage Dockerfile.")
    Path naive;

    @Option(names = "--slim", paramLabel = "DOCKERFILE", description = "Its multi-stage rewrite.")
    Path slim;

    @Option(names = "--context", paramLabel = "DIR", description = "The build context (default: the Dockerfile's folder).")
    Path context;

    @Option(names = "--tag-prefix", paramLabel = "NAME",
            description = "Tag the built images NAME-STAGE:latest (default: imgdiff-build/ plus the context's name).")
    String tagPrefix;

    @Option(names = "--quiet", description = "Do not show the build steps.")
    boolean quiet;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions outputOptions;

    public BuildCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        boolean pair = naive != null || slim != null;
        if (pair && (naive == null || slim == null || dockerfile != null)) {
            throw new CommandLine.ParameterException(cmd, "give both --naive and --slim (and no other Dockerfile)");
        }
        if (!pair && dockerfile == null) {
            throw new CommandLine.ParameterException(cmd, "name a Dockerfile, or --naive and --slim");
        }
        for (Path p : pair ? List.of(naive, slim) : List.of(dockerfile)) {
            if (!Files.isRegularFile(p)) {
                throw new CommandLine.ParameterException(cmd, "no such Dockerfile: " + p);
            }
        }
        Path first = pair ? naive : dockerfile;
        Path ctx = context != null ? context : first.toAbsolutePath().getParent();
        String prefix = tagPrefix != null ? tagPrefix : "imgdiff-build/" + tagSafe(ctx.toAbsolutePath().getFileName());
        try (DockerDaemon daemon = DockerDaemon.connect(imageOptions.dockerHost)) {
            if (pair) {
                String a = build(daemon, ctx, naive, null, prefix + "-naive:latest");
                String b = build(daemon, ctx, slim, null, prefix + "-slim:latest");
                return Runs.compare("docker-daemon:" + a, "docker-daemon:" + b, imageOptions, outputOptions, console, cmd);
            }
            List<DockerBuild.Stage> stages = DockerBuild.stages(dockerfile);
            if (stages.size() < 2) {
                throw new CommandLine.ParameterException(cmd, Sanitizer.clean(dockerfile.toString())
                        + " has a single stage: compare it with its rewrite using --naive and --slim");
            }
            List<String> tags = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (DockerBuild.Stage s : stages.subList(0, stages.size() - 1)) {
                String tag = build(daemon, ctx, dockerfile, s.target(), prefix + "-" + tagSafe(s.target()) + ":latest");
                tags.add(tag);
                sizes.add(daemon.imageSize(tag));
            }
            String fin = build(daemon, ctx, dockerfile, null, prefix + "-final:latest");
            long finalSize = daemon.imageSize(fin);
            int fattest = 0;
            for (int i = 1; i < sizes.size(); i++) {
                if (sizes.get(i) > sizes.get(fattest)) {
                    fattest = i;
                }
            }
            console.err().println("imgdiff build: stages of " + Sanitizer.clean(dockerfile.toString()));
            for (int i = 0; i < sizes.size(); i++) {
                DockerBuild.Stage s = stages.get(i);
                console.err().printf("  %-9s %-24s %s%s%n", Sizes.human(sizes.get(i)), Sanitizer.clean(s.target()),
                        Sanitizer.clean(tags.get(i)), i == fattest ? "   <- fattest: what a single-stage build ships" : "");
            }
            console.err().printf("  %-9s %-24s %s   <- final%n%n", Sizes.human(finalSize), "(final)", Sanitizer.clean(fin));
            console.err().flush();
            return Runs.compare("docker-daemon:" + tags.get(fattest), "docker-daemon:" + fin, imageOptions, outputOptions,
                    console, cmd);
        }
    }

    private String build(DockerDaemon daemon, Path ctx, Path file, String target, String tag) throws ImageException {
        String what = file.getFileName() + (target == null ? "" : " --target " + target);
        console.err().println("imgdiff build: " + Sanitizer.clean(what) + " -> " + Sanitizer.clean(tag));
        console.err().flush();
        Consumer<String> progress = line -> {
            if (!quiet && line.startsWith("Step ")) {
                console.err().println("  " + Sanitizer.clean(line.strip()));
                console.err().flush();
            }
        };
        DockerBuild.build(daemon, ctx, file, target, tag, progress);
        return tag;
    }

    /** A name Docker accepts in a tag. */
    static String tagSafe(Object o) {
        String s = String.valueOf(o).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-._]+", "");
        return s.isEmpty() ? "image" : s;
    }
}
