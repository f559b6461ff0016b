package dev.imgdiff.analysis;

import java.util.List;

/**
 * One change that would make an image smaller, with the bytes it would save, computed from the analysis.
 *
 * @param id       stable name ("toolchain", "dev-dependencies", "cache:apt", "deleted-later:10:13", …)
 * @param title    what is wrong, in a few words
 * @param action   what to change in the Dockerfile
 * @param bytes    what the change saves (an upper bound when {@code upTo})
 * @param upTo     whether {@code bytes} is an upper bound rather than an exact figure
 * @param evidence the biggest packages, paths or layers involved
 */
public record Advice(String id, String title, String action, long bytes, boolean upTo, List<Evidence> evidence) {
    public Advice {
        evidence = List.copyOf(evidence);
    }

    /** Something the advice is about — a package, a path, a layer — and its bytes (-1 when not a size). */
    public record Evidence(String what, long bytes) {
    }

    /** The kind of advice, without the part that names layers ("deleted-later:10:13" → "deleted-later"). */
    public String kind() {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }
}
