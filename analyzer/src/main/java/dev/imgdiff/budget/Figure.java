package dev.imgdiff.budget;

/** A value a rule compares: a limit or what the image has. Renderers format each kind. */
public sealed interface Figure permits Figure.Bytes, Figure.Percent, Figure.Ratio, Figure.Count, Figure.Paths,
        Figure.Growth {
    /** A byte count. */
    record Bytes(long bytes) implements Figure {
    }

    /** A percentage, as a fraction (0.05 for 5%). */
    record Percent(double fraction) implements Figure {
    }

    /** A ratio such as an efficiency, from 0 to 1. */
    record Ratio(double value) implements Figure {
    }

    /** A count (layers). */
    record Count(long count) implements Figure {
    }

    /** Paths matching a pattern, and the bytes of the files among them. */
    record Paths(int count, long bytes) implements Figure {
    }

    /**
     * Growth over a baseline: bytes (negative when the image shrank) and that as a fraction of the baseline
     * (null when the baseline had none).
     */
    record Growth(long bytes, Double fraction) implements Figure {
    }
}
