package dev.imgdiff.analysis;

import dev.imgdiff.attribute.Categorizer;
import dev.imgdiff.attribute.Category;
import dev.imgdiff.attribute.PackageAttribution;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ImageSources;
import dev.imgdiff.source.ReadOptions;
import dev.imgdiff.source.ScannedImage;
import dev.imgdiff.source.ScannedLayer;
import dev.imgdiff.tree.FileTree;
import dev.imgdiff.tree.Waste;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads an image and analyses it: the library's front door. */
public final class Analyzer {
    private final ReadOptions options;
    private final Integer baseLayersOverride;
    private boolean withDive;

    /**
     * @param baseLayersOverride how many bottom layers count as the base image, or null to infer it from
     *                           the history
     */
    public Analyzer(ReadOptions options, Integer baseLayersOverride) {
        this.options = options.withScan(options.scan().withCapture(
                p -> Categorizer.wantsContent(p) || PackageAttribution.wantsContent(p)
                        || options.scan().capture().test(p)));
        this.baseLayersOverride = baseLayersOverride;
    }

    /** Also compute dive's waste and efficiency figures (a map entry per path: off by default). */
    public Analyzer withDive(boolean on) {
        this.withDive = on;
        return this;
    }

    public Analysis analyze(ImageReference ref, InputStream stdin) throws ImageException {
        return analyze(ref, stdin, () -> { });
    }

    /** @param layerDone called (on the reading thread) as each layer's scan joins the tree */
    public Analysis analyze(ImageReference ref, InputStream stdin, Runnable layerDone) throws ImageException {
        FileTree.Builder builder = FileTree.builder(withDive);
        ScannedImage scanned = ImageSources.read(ref, options, stdin, (layer, scan) -> {
            builder.add(scan);
            layerDone.run();
        });
        return analyze(scanned, builder.build());
    }

    private Analysis analyze(ScannedImage scanned, FileTree tree) {
        int n = scanned.layers().size();
        int base = baseLayersOverride != null ? Math.max(0, Math.min(baseLayersOverride, n))
                : History.baseLayers(scanned.config().history(), n);
        List<String> createdBy = History.createdByPerLayer(scanned.config().history(), n);
        List<String> comments = History.commentPerLayer(scanned.config().history(), n);
        List<LayerInfo> layers = new ArrayList<>();
        long compressed = 0;
        for (int i = 0; i < n; i++) {
            ScannedLayer l = scanned.layers().get(i);
            compressed += l.ref().blobSize();
            layers.add(new LayerInfo(i, l.ref().digest(), l.ref().diffId(), l.ref().mediaType(),
                    l.scan().compression(), l.ref().blobSize(), createdBy.get(i),
                    createdBy.get(i).isBlank() ? comments.get(i) : Instructions.describe(createdBy.get(i)), i < base,
                    tree.layers().get(i)));
        }
        PackageAttribution packages = new PackageAttribution(tree);
        Categorizer categorizer = new Categorizer(tree, base, packages::ownedByToolchain);
        categorizer.categorizeTree();
        List<CategoryTotal> categories = totals(tree, categorizer);
        Category largest = categories.stream().max(java.util.Comparator.comparingLong(CategoryTotal::bytes))
                .map(CategoryTotal::category).orElse(Category.APP);
        packages.summarize(categorizer, largest);
        List<String> warnings = new ArrayList<>(scanned.warnings());
        warnings.addAll(tree.warnings());
        warnings.addAll(categorizer.warnings());
        warnings.addAll(packages.warnings());
        return new Analysis(scanned.info(), scanned.config(), layers, tree, categorizer, categories, packages,
                compressed, base, warnings);
    }

    private static List<CategoryTotal> totals(FileTree tree, Categorizer categorizer) {
        Map<Category, long[]> acc = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            acc.put(c, new long[3]);
        }
        tree.forEachLeaf(node -> {
            long[] a = acc.get(categorizer.of(node));
            a[0] += node.size();
            a[1]++;
        });
        for (Waste w : tree.waste()) {
            acc.get(categorizer.of(w.path(), w.writtenBy()))[2] += w.bytes();
        }
        List<CategoryTotal> out = new ArrayList<>();
        for (Category c : Category.values()) {
            long[] a = acc.get(c);
            out.add(new CategoryTotal(c, a[0], (int) a[1], a[2]));
        }
        return out;
    }
}
