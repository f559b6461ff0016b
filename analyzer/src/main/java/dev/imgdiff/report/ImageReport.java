package dev.imgdiff.report;

import java.util.List;

/**
 * The analysis of one image as plain data: what renderers read and what {@code --format json} writes.
 * The JSON shape is documented in the README and versioned by {@link #SCHEMA_VERSION}.
 */
public record ImageReport(int schemaVersion, String kind, Image image, Totals totals, Dive dive, List<Layer> layers,
                          List<CategoryRow> categories, List<PackageRow> packages, List<GoBinaryRow> goBinaries,
                          List<FileRow> largestFiles,
                          List<DirRow> largestDirectories,
                          List<WasteRow> waste, List<WasteGroup> wasteByDirectory, Duplicates duplicates,
                          List<AdviceRow> advice, List<String> warnings,
                          @com.fasterxml.jackson.annotation.JsonInclude(
                                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Files files) {
    public static final int SCHEMA_VERSION = 1;

    /** The same report with the per-path records left out (or put in). */
    public ImageReport withFiles(Files f) {
        return new ImageReport(schemaVersion, kind, image, totals, dive, layers, categories, packages, goBinaries,
                largestFiles, largestDirectories, waste, wasteByDirectory, duplicates, advice, warnings, f);
    }

    /**
     * Every non-directory path that some layer wrote or deleted, with what each layer did to it: what the
     * explorer needs, so that a saved report reopens without the image. Directories follow from the paths.
     *
     * @param count   how many entries
     * @param entries sorted by path
     */
    public record Files(int count, List<FileEntry> entries) {
        public Files {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One path and its history.
     *
     * @param path     absolute path
     * @param type     "file", "symlink", "hardlink" or "other" (devices, fifos), as the last layer that
     *                 wrote it left it
     * @param link     a symlink's target or a hard link's target path; absent otherwise
     * @param category the category of the path's bytes
     * @param pkg      the index in {@code packages} of the package that owns it (the "unowned" row for
     *                 visible paths no database claims), or -1 when the final filesystem does not show it
     * @param changes  what each layer did, bottom first: [layer, "A" added | "M" modified | "D" deleted,
     *                 bytes] where bytes are what the layer ships for the path (for "D", what it hid)
     */
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = FilesJson.EntrySerializer.class)
    public record FileEntry(String path, String type, String link, String category,
                            @com.fasterxml.jackson.annotation.JsonProperty("package") int pkg,
                            List<PathChange> changes) {
        public FileEntry {
            changes = List.copyOf(changes);
        }

        /** Whether the final filesystem shows the path. */
        public boolean visible() {
            return !changes.isEmpty() && changes.get(changes.size() - 1).change() != 'D';
        }
    }

    /** What one layer did to one path. */
    @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.ARRAY)
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"layer", "change", "bytes"})
    public record PathChange(int layer, char change, long bytes) {
    }

    /** Identity and origin. */
    public record Image(String reference, String format, String repoTag, String id, String manifestDigest,
                        String platform, String created) {
    }

    /** The headline figures, in bytes. */
    public record Totals(long imageSize, long contentSize, long wastedBytes, long compressedSize, double efficiency,
                         int layers, int baseLayers, int files, int directories) {
    }

    /**
     * Files with the same bytes at different paths (only with --duplicates; null otherwise).
     *
     * @param savings bytes a single copy of each group would save
     */
    public record Duplicates(long savings, int groups, List<DuplicateGroup> largest) {
    }

    /** One set of identical files: each {@code bytes} long, {@code copies} of them. */
    public record DuplicateGroup(long bytes, int copies, long savings, List<String> paths) {
    }

    /** dive's figures (see the README): every copy of a repeated path counts as wasted. */
    public record Dive(double efficiency, long wastedBytes, double userWastedPercent, long imageSize) {
    }

    /**
     * A change that would make the image smaller.
     *
     * @param bytes what it saves (an upper bound when {@code upTo})
     */
    public record AdviceRow(String id, String title, String action, long bytes, boolean upTo, List<EvidenceRow> evidence) {
    }

    /** A package, path or layer an item of advice is about; bytes -1 when not a size. */
    public record EvidenceRow(String what, long bytes) {
    }

    /** One layer. */
    public record Layer(int index, String instruction, String createdBy, boolean base, String digest, String diffId,
                        String mediaType, String compression, long compressedSize, long size, int added,
                        long addedBytes, int modified, long modifiedBytes, int deleted, long deletedBytes,
                        long wastedBytes, List<ChangeRow> largest) {
    }

    /** A file a layer added or modified. */
    public record ChangeRow(String path, long bytes, String change) {
    }

    /** One category. */
    public record CategoryRow(String name, long bytes, int files, long wastedBytes) {
    }

    /**
     * One package with visible files (or "unowned": the files no package database claims).
     *
     * @param key      "deb:gcc-12@12.2.0-14", or "unowned"
     * @param category the category that holds most of its bytes
     */
    public record PackageRow(String key, String ecosystem, String name, String version, long bytes, int files,
                             String category) {
    }

    /**
     * A Go executable and the build information Go wrote into it (Go 1.18 and later).
     *
     * @param mainPackage   the main package's import path
     * @param module        the main module (null for the Go distribution's own commands and builds outside
     *                      module mode)
     * @param moduleVersion the main module's version ("(devel)" for a build from a work tree), or null
     * @param owner         the key of the package the file belongs to
     */
    public record GoBinaryRow(String path, long bytes, String goVersion, String mainPackage, String module,
                              String moduleVersion, String owner) {
    }

    /** A file of the final filesystem. */
    public record FileRow(String path, long bytes, int layer, String category) {
    }

    /** A directory of the final filesystem. */
    public record DirRow(String path, long bytes, int files) {
    }

    /** Bytes a layer shipped that the final filesystem hides. */
    public record WasteRow(String path, long bytes, int writtenBy, int hiddenBy, String reason) {
    }

    /**
     * Wasted copies grouped by the layer that wrote them, the layer that hid them and how, under the
     * deepest directory they share.
     */
    public record WasteGroup(String path, long bytes, int files, int writtenBy, int hiddenBy, String reason) {
    }
}
