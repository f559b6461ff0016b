package dev.imgdiff.layer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one pass over a layer blob found.
 *
 * @param entries     every entry in tar order
 * @param captured    the content of the small files the scan was asked to read, by path (last copy wins)
 * @param fileBytes   bytes of regular files plus symlink targets: the layer size as {@code docker history}
 *                    shows it
 * @param tarBytes    length of the uncompressed tar stream (-1 when the scan did not read it all)
 * @param compression what the blob's first bytes said
 * @param blobDigest  sha256 of the blob when the scan read all of it, else null
 * @param warnings    things a user should know that did not stop the scan
 * @param leafDirs    directory entries with nothing below them in this layer, or null when not computed
 */
public record LayerScan(List<LayerEntry> entries, Map<String, byte[]> captured, long fileBytes, long tarBytes,
                        Compression compression, String blobDigest, List<String> warnings, java.util.Set<String> leafDirs) {
    public LayerScan {
        entries = List.copyOf(entries);
        captured = Map.copyOf(captured);
        warnings = List.copyOf(warnings);
        leafDirs = leafDirs == null ? null : java.util.Set.copyOf(leafDirs);
    }

    public LayerScan(List<LayerEntry> entries, Map<String, byte[]> captured, long fileBytes, long tarBytes,
                     Compression compression, String blobDigest, List<String> warnings) {
        this(entries, captured, fileBytes, tarBytes, compression, blobDigest, warnings, null);
    }

    /** The same scan without its entries and captured files: what is worth keeping once they are used. */
    public LayerScan summary() {
        return new LayerScan(List.of(), Map.of(), fileBytes, tarBytes, compression, blobDigest, warnings, Set.of());
    }

    /**
     * The directory entries with nothing below them in this layer (dive counts them as leaves of the
     * layer's tree), computed from the entries when the scan did not.
     */
    public Set<String> directoryLeaves() {
        return leafDirs != null ? leafDirs : leafDirectories(entries);
    }

    /** Directory entries with no entry below them in the same list. */
    public static Set<String> leafDirectories(List<LayerEntry> entries) {
        Set<String> dirs = new java.util.HashSet<>();
        for (LayerEntry e : entries) {
            if (e.kind() == EntryKind.DIR) {
                dirs.add(e.path());
            }
        }
        if (dirs.isEmpty()) {
            return dirs;
        }
        Set<String> parents = new java.util.HashSet<>();
        // Marking the nearest listed ancestor is enough: that directory is an entry itself, so its own nearest
        // listed ancestor is marked when it comes round.
        for (LayerEntry e : entries) {
            for (String q = EntryPaths.parent(e.path()); !q.equals("/"); q = EntryPaths.parent(q)) {
                if (dirs.contains(q)) {
                    parents.add(q);
                    break;
                }
            }
        }
        dirs.removeAll(parents);
        return dirs;
    }
}
