package dev.imgdiff.report;

import java.util.List;

/**
 * Two images compared: A (usually the naive build) and B (its rewrite). Differences are B − A; ratios
 * are A / B ("4.2x smaller").
 */
public record ComparisonReport(int schemaVersion, String kind, ImageReport a, ImageReport b, Difference difference,
                               Ratio ratio, List<CategoryDelta> categories, List<PackageDelta> packages,
                               PathSet dropped, PathSet added, Changed changed, List<AdviceStatus> advice) {

    /**
     * How B fares on an item of advice: "fixed" (B has none of it), "reduced" (B has less), "remaining"
     * (B has as much or more) or "new" (only B has it).
     */
    public record AdviceStatus(String kind, String title, String action, long bytesA, long bytesB, String status) {
    }

    /**
     * A package whose presence, version or bytes differ between A and B (matched by ecosystem and
     * name); "unowned" compares the files no database claims.
     *
     * @param change "removed", "added" or "changed"
     */
    public record PackageDelta(String ecosystem, String name, String versionA, String versionB, long bytesA,
                               long bytesB, String change) {
    }

    /** B − A. */
    public record Difference(long imageSize, long compressedSize, long contentSize, long wastedBytes, int layers,
                             int files) {
    }

    /** A / B; 0 when B is empty. */
    public record Ratio(double imageSize, double compressedSize, double contentSize) {
    }

    /** One category in both images. */
    public record CategoryDelta(String name, long a, long b, long difference, long wastedA, long wastedB) {
    }

    /**
     * Paths only one side has: whole directories at their topmost level, and the largest files.
     *
     * @param bytes content bytes of all such paths
     * @param files non-directory entries among them
     */
    public record PathSet(long bytes, int files, List<ImageReport.DirRow> directories,
                          List<ImageReport.FileRow> largestFiles) {
    }

    /** Files both images have, with different bytes. */
    public record Changed(int files, long bytesA, long bytesB, List<ChangedRow> largest) {
    }

    /** One changed file. */
    public record ChangedRow(String path, long a, long b) {
    }
}
