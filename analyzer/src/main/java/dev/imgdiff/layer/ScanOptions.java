package dev.imgdiff.layer;

import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * How layers are scanned.
 *
 * @param lenientNames  accept absolute names, control characters and invalid UTF-8 (shown escaped)
 *                      instead of refusing the image; names that climb above the root are still refused
 * @param verifyAll     read every byte of uncompressed layers too, to verify their digests
 * @param capture       which files' content to read (for lockfiles and package databases)
 * @param captureLimit  the largest file the scan reads into memory; bigger ones are skipped with a warning
 * @param hashContent   hash every regular file's bytes, to find duplicate content
 * @param progress      told how many more tar bytes were walked, every few MB (from scanning threads)
 */
public record ScanOptions(boolean lenientNames, boolean verifyAll, Predicate<String> capture, int captureLimit,
                          boolean hashContent, LongConsumer progress) {
    private static final LongConsumer SILENT = n -> { };

    public ScanOptions {
        progress = progress == null ? SILENT : progress;
    }

    public static ScanOptions defaults() {
        return new ScanOptions(false, false, p -> false, 16 << 20, false, SILENT);
    }

    /** Reports progress: {@code sink} gets the tar bytes walked since its last call; it must be thread-safe. */
    public ScanOptions withProgress(LongConsumer sink) {
        return new ScanOptions(lenientNames, verifyAll, capture, captureLimit, hashContent, sink);
    }

    public ScanOptions withCapture(Predicate<String> c) {
        return new ScanOptions(lenientNames, verifyAll, c, captureLimit, hashContent, progress);
    }

    public ScanOptions withLenientNames(boolean b) {
        return new ScanOptions(b, verifyAll, capture, captureLimit, hashContent, progress);
    }

    public ScanOptions withVerifyAll(boolean b) {
        return new ScanOptions(lenientNames, b, capture, captureLimit, hashContent, progress);
    }

    /** Hash every regular file's bytes (to find duplicate content): reads all file content. */
    public ScanOptions withHashContent(boolean b) {
        return new ScanOptions(lenientNames, verifyAll, capture, captureLimit, b, progress);
    }
}
