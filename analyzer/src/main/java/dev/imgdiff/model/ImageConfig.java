package dev.imgdiff.model;

import java.util.List;
import java.util.Map;

/** The parts of an image configuration that the analysis uses. */
public record ImageConfig(Digest digest, Platform platform, String created, List<String> env,
                          List<String> cmd, List<String> entrypoint, String workingDir, String user,
                          Map<String, String> labels, List<Digest> diffIds, List<HistoryEntry> history) {
    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        cmd = cmd == null ? null : List.copyOf(cmd);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
