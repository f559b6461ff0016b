package dev.imgdiff.source;

import dev.imgdiff.model.ImageConfig;
import java.util.List;

/** An image whose layers have all been scanned, in layer order. */
public record ScannedImage(ImageInfo info, ImageConfig config, List<ScannedLayer> layers, List<String> warnings) {
    public ScannedImage {
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
    }
}
