package dev.imgdiff.analysis;

import dev.imgdiff.layer.Compression;
import dev.imgdiff.tree.LayerDelta;

/**
 * One layer of an analysed image.
 *
 * @param index          0-based
 * @param digest         blob digest when known
 * @param diffId         digest of the uncompressed tar from the config, when known
 * @param mediaType      as the manifest declares it, or null
 * @param compression    what the blob's bytes are
 * @param compressedSize bytes of the blob as stored
 * @param createdBy      the history entry's created_by, raw ("" when the history has none for it)
 * @param instruction    the Dockerfile instruction made from it
 * @param base           whether the layer belongs to the base image
 * @param delta          sizes and changes
 */
public record LayerInfo(int index, String digest, String diffId, String mediaType, Compression compression,
                        long compressedSize, String createdBy, String instruction, boolean base, LayerDelta delta) {
}
