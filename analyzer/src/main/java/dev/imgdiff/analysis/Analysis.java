package dev.imgdiff.analysis;

import dev.imgdiff.attribute.Categorizer;
import dev.imgdiff.attribute.PackageAttribution;
import dev.imgdiff.model.ImageConfig;
import dev.imgdiff.source.ImageInfo;
import dev.imgdiff.tree.FileTree;
import java.util.List;

/**
 * Everything known about one image after one pass: where it came from, its config, its layers with
 * their instructions, the merged filesystem, and the bytes per category.
 *
 * @param compressedSize sum of the layer blob sizes
 * @param baseLayers     how many bottom layers the base image made
 */
public record Analysis(ImageInfo info, ImageConfig config, List<LayerInfo> layers, FileTree tree,
                       Categorizer categorizer, List<CategoryTotal> categories, PackageAttribution packages,
                       long compressedSize,
                       int baseLayers, List<String> warnings) {
    public Analysis {
        layers = List.copyOf(layers);
        categories = List.copyOf(categories);
        warnings = List.copyOf(warnings);
    }

    public long imageSize() {
        return tree.imageSize();
    }

    public long contentSize() {
        return tree.contentSize();
    }

    public long wastedBytes() {
        return tree.wastedBytes();
    }

    /** content / image: 1.0 when nothing is wasted (and for an empty image). */
    public double efficiency() {
        return tree.imageSize() == 0 ? 1.0 : (double) tree.contentSize() / tree.imageSize();
    }
}
