package dev.imgdiff.layer;

import java.util.List;
import java.util.Map;

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
 */
public record LayerScan(List<LayerEntry> entries, Map<String, byte[]> captured, long fileBytes, long tarBytes,
                        Compression compression, String blobDigest, List<String> warnings) {
    public LayerScan {
        entries = List.copyOf(entries);
        captured = Map.copyOf(captured);
        warnings = List.copyOf(warnings);
    }

    /** The same scan without its entries and captured files: what is worth keeping once they are used. */
    public LayerScan summary() {
        return new LayerScan(List.of(), Map.of(), fileBytes, tarBytes, compression, blobDigest, warnings);
    }
}
