package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.layer.LayerScan;
import dev.imgdiff.layer.LayerScanner;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reads an image from a store with random access, scanning its layers in parallel. */
final class StoreImageReader {
    private StoreImageReader() {
    }

    static ScannedImage read(BlobStore store, ManifestResolver.Resolved resolved, ReadOptions options,
                             LayerSink sink) throws ImageException, IOException {
        List<LayerRef> refs = resolved.layers();
        LayerScanner scanner = new LayerScanner(options.scan());
        int threads = Math.min(options.threads(), Math.max(1, refs.size()));
        List<LayerScan> scans = new ArrayList<>();
        if (threads == 1) {
            for (LayerRef ref : refs) {
                LayerScan scan = scanOne(store, scanner, ref, refs.size());
                sink.layer(ref, scan);
                scans.add(scan.summary());
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "imgdiff-scan");
                t.setDaemon(true);
                return t;
            });
            try {
                // In layer order, so that the bottom layers are ready first and stacking can start at once.
                List<Future<LayerScan>> futures = new ArrayList<>();
                for (LayerRef ref : refs) {
                    futures.add(pool.submit(() -> scanOne(store, scanner, ref, refs.size())));
                }
                // Layers are handed over in order while the pool scans the others.
                for (int i = 0; i < futures.size(); i++) {
                    LayerScan scan = await(futures.get(i));
                    futures.set(i, null);
                    sink.layer(refs.get(i), scan);
                    scans.add(scan.summary());
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<ScannedLayer> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            layers.add(new ScannedLayer(refs.get(i), scans.get(i)));
            for (String w : scans.get(i).warnings()) {
                warnings.add(refs.get(i).describe(refs.size()) + ": " + w);
            }
        }
        return new ScannedImage(resolved.info(), resolved.config(), layers, warnings);
    }

    private static LayerScan await(Future<LayerScan> f) throws ImageException, IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(Kind.INTERRUPTED, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ImageException ie) {
                throw ie;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private static LayerScan scanOne(BlobStore store, LayerScanner scanner, LayerRef ref, int total)
            throws ImageException, IOException {
        BlobSource blob = store.find(ref.blobName()).orElseThrow(() -> new ImageException(Kind.MISSING_BLOB,
                "missing blob " + ref.blobName()).inLayer(ref.describe(total)));
        try {
            return scanner.scan(blob, ref.digest());
        } catch (ImageException e) {
            throw e.inLayer(ref.describe(total));
        }
    }
}
