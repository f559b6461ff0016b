package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.layer.LayerScan;
import dev.imgdiff.layer.LayerScanner;
import dev.imgdiff.model.ImageException;
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

    static ScannedImage read(BlobStore store, ManifestResolver.Resolved resolved, ReadOptions options)
            throws ImageException, IOException {
        List<LayerRef> refs = resolved.layers();
        LayerScanner scanner = new LayerScanner(options.scan());
        int threads = Math.min(options.threads(), Math.max(1, refs.size()));
        List<LayerScan> scans = new ArrayList<>();
        if (threads == 1) {
            for (LayerRef ref : refs) {
                scans.add(scanOne(store, scanner, ref, refs.size()));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "imgdiff-scan");
                t.setDaemon(true);
                return t;
            });
            try {
                // Biggest first: the slowest layer starts at once and the pool stays busy.
                List<Future<LayerScan>> futures = new ArrayList<>();
                List<LayerRef> order = new ArrayList<>(refs);
                order.sort((a, b) -> Long.compare(b.blobSize(), a.blobSize()));
                Future<?>[] byIndex = new Future<?>[refs.size()];
                for (LayerRef ref : order) {
                    byIndex[ref.index()] = pool.submit(() -> scanOne(store, scanner, ref, refs.size()));
                }
                for (Future<?> f : byIndex) {
                    @SuppressWarnings("unchecked")
                    Future<LayerScan> typed = (Future<LayerScan>) f;
                    futures.add(typed);
                }
                for (Future<LayerScan> f : futures) {
                    scans.add(await(f));
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
            throw new ImageException("interrupted", e);
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
        BlobSource blob = store.find(ref.blobName()).orElseThrow(() -> new ImageException(
                "missing blob " + ref.blobName()).inLayer(ref.describe(total)));
        try {
            return scanner.scan(blob, ref.digest());
        } catch (ImageException e) {
            throw e.inLayer(ref.describe(total));
        }
    }
}
