package dev.imgdiff.source;

import dev.imgdiff.layer.LayerScan;

/** A layer reference and what its scan found. */
public record ScannedLayer(LayerRef ref, LayerScan scan) {
}
