package dev.imgdiff.source;

import dev.imgdiff.layer.LayerScan;

/**
 * Receives each layer's scan in layer order, as soon as it and every layer below it are scanned, so
 * the filesystem can be stacked while later layers are still being read. After the call the reader
 * keeps only the scan's summary (its entries can be freed).
 */
@FunctionalInterface
public interface LayerSink {
    void layer(LayerRef ref, LayerScan scan);

    /** A sink that does nothing. */
    static LayerSink none() {
        return (ref, scan) -> {
        };
    }
}
