package dev.imgdiff.source;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds images with the Docker daemon (its classic builder, as {@code docker build} without BuildKit). */
public final class DockerBuild {
    private static final Pattern FROM = Pattern.compile(
            "^\\s*FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$", Pattern.CASE_INSENSITIVE);

    private DockerBuild() {
    }

    /** One stage of a Dockerfile: its position, base and name (null when unnamed). */
    public record Stage(int index, String from, String name) {
        /** What {@code --target} takes: the name, or the index for an unnamed stage. */
        public String target() {
            return name != null ? name : Integer.toString(index);
        }
    }

    /** The stages of a Dockerfile, in order (line continuations and comments are handled). */
    public static List<Stage> stages(Path dockerfile) throws ImageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile);
        } catch (IOException e) {
            throw new ImageException(Kind.IO, "cannot read " + dockerfile + ": " + e.getMessage(), e);
        }
        List<Stage> out = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("#") && logical.length() == 0) {
                continue;
            }
            if (t.endsWith("\\")) {
                logical.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            logical.append(t);
            Matcher m = FROM.matcher(logical.toString());
            if (m.matches()) {
                out.add(new Stage(out.size(), m.group(1), m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT)));
            }
            logical.setLength(0);
        }
        if (out.isEmpty()) {
            throw new ImageException(Kind.MALFORMED, dockerfile + " has no FROM instruction");
        }
        return out;
    }

    /**
     * Builds one target of a Dockerfile and tags the result.
     *
     * @param target   the stage to stop at, or null for the whole file
     * @param progress receives each line of build output (raw: sanitize before printing)
     * @return the image id
     */
    public static String build(DockerDaemon daemon, Path context, Path dockerfile, String target, String tag,
                               Consumer<String> progress) throws ImageException {
        Path ctx = context.toAbsolutePath().normalize();
        Path df = dockerfile.toAbsolutePath().normalize();
        if (!df.startsWith(ctx)) {
            throw new ImageException(Kind.BAD_REFERENCE, "the Dockerfile " + dockerfile + " must be inside the build context " + context);
        }
        StringBuilder error = new StringBuilder();
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    for (String l : item.getStream().split("\n")) {
                        if (!l.isBlank()) {
                            progress.accept(l);
                        }
                    }
                }
                if (item.isErrorIndicated()) {
                    String m = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError();
                    error.append(m == null ? "unknown error" : m.strip());
                }
                super.onNext(item);
            }
        };
        try {
            var cmd = daemon.client().buildImageCmd().withBaseDirectory(ctx.toFile()).withDockerfile(df.toFile())
                    .withTags(Set.of(tag)).withPull(false).withRemove(true);
            if (target != null) {
                cmd = cmd.withTarget(target);
            }
            return cmd.exec(callback).awaitImageId();
        } catch (DockerClientException | com.github.dockerjava.api.exception.DockerException e) {
            String why = error.length() > 0 ? error.toString() : e.getMessage();
            throw new ImageException(Kind.PROTOCOL, "the build of " + dockerfile.getFileName() + (target == null ? "" : " --target " + target)
                    + " failed: " + (why == null ? "" : why.strip().replaceAll("\\s+", " ")), e);
        } catch (RuntimeException e) {
            throw new ImageException(Kind.PROTOCOL, "the build of " + dockerfile.getFileName() + " failed: " + e.getMessage(), e);
        }
    }
}
