package dev.imgdiff.tree;

import java.util.List;

/**
 * What one layer did to the filesystem.
 *
 * @param index         0-based layer index
 * @param size          layer size: bytes of regular files in its tar
 * @param added         non-directory paths that were not visible below
 * @param addedBytes    their bytes
 * @param modified      non-directory paths that were visible below
 * @param modifiedBytes the new bytes shipped for them
 * @param deleted       non-directory paths visible below that this layer hides
 * @param deletedBytes  the bytes they held
 * @param wastedBytes   bytes this layer ships that the final filesystem does not show
 * @param changes       every change, in tar order
 */
public record LayerDelta(int index, long size, int added, long addedBytes, int modified, long modifiedBytes,
                         int deleted, long deletedBytes, long wastedBytes, List<Change> changes) {
}
