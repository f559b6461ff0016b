package dev.imgdiff.layer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Walks one layer blob once and lists its entries. Uncompressed layers in a file are walked by seeking
 * over file content (only the 512-byte headers are read); compressed layers and streams are read once,
 * front to back, and their digest is checked on the way.
 */
public final class LayerScanner {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_WARNINGS = 20;
    private final ScanOptions options;

    public LayerScanner(ScanOptions options) {
        this.options = options;
    }

    /**
     * Scans a blob.
     *
     * @param expectedDigest "sha256:…" of the blob as the manifest names it, checked when the blob is read
     *                       whole; null to skip the check
     * @throws ImageException when the blob is not a readable layer (the message says why, in one line)
     */
    /** How many tar bytes pass between two progress reports. */
    private static final long PROGRESS_STEP = 4L << 20;

    public LayerScan scan(BlobSource blob, String expectedDigest) throws ImageException {
        Collector collector = new Collector();
        try {
            SeekableByteChannel ch = blob.openChannel();
            if (ch != null) {
                try (ch) {
                    byte[] head = new byte[Compression.SNIFF_LENGTH];
                    int n = readFully(ch, head);
                    Compression c = Compression.sniff(head, n);
                    rejectUnsupported(c);
                    if (c == Compression.NONE && !options.verifyAll()) {
                        ch.position(0);
                        TarInput in = TarInput.of(ch);
                        walk(new TarWalker(in), collector);
                        return collector.result(-1, Compression.NONE, null);
                    }
                    ch.position(0);
                    return scanStream(Channels.newInputStream(ch), expectedDigest, collector);
                }
            }
            try (InputStream in = blob.openStream()) {
                return scanStream(in, expectedDigest, collector);
            }
        } catch (MeteredInputStream.StageException e) {
            throw translate(e.stage(), (IOException) e.getCause());
        } catch (IOException e) {
            throw translate("tar", e);
        }
    }

    private static int readFully(SeekableByteChannel ch, byte[] head) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(head);
        while (bb.hasRemaining()) {
            if (ch.read(bb) < 0) {
                break;
            }
        }
        return bb.position();
    }

    private static void rejectUnsupported(Compression c) throws ImageException {
        switch (c) {
            case UNKNOWN -> throw new ImageException(Kind.NOT_AN_IMAGE, "not a layer: the blob is neither a tar archive nor gzip or zstd data");
            case BZIP2, XZ -> throw new ImageException(Kind.UNSUPPORTED, c.name().toLowerCase() + "-compressed layers are not supported");
            default -> {
            }
        }
    }

    private void walk(TarWalker w, Collector collector) throws IOException, ImageException {
        java.util.function.LongConsumer progress = options.progress();
        long reported = 0;
        while (w.next()) {
            collector.accept(w);
            long at = w.position();
            if (at - reported >= PROGRESS_STEP) {
                progress.accept(at - reported);
                reported = at;
            }
        }
        progress.accept(w.position() - reported);
    }

    private LayerScan scanStream(InputStream raw, String expectedDigest, Collector collector)
            throws IOException, ImageException {
        boolean hashing = expectedDigest != null && expectedDigest.startsWith("sha256:");
        MeteredInputStream blob = new MeteredInputStream(raw, "read", hashing);
        BufferedInputStream buffered = new BufferedInputStream(blob, BUFFER);
        buffered.mark(Compression.SNIFF_LENGTH);
        byte[] head = buffered.readNBytes(Compression.SNIFF_LENGTH);
        buffered.reset();
        Compression c = Compression.sniff(head, head.length);
        rejectUnsupported(c);
        InputStream decoded = switch (c) {
            case GZIP -> new MeteredInputStream(new GZIPInputStream(buffered, BUFFER), "gzip", false);
            case ZSTD -> new MeteredInputStream(new ZstdInputStreamNoFinalizer(buffered), "zstd", false);
            default -> buffered;
        };
        MeteredInputStream tarStream = new MeteredInputStream(
                c == Compression.NONE ? decoded : new BufferedInputStream(decoded, BUFFER), "tar-read", false);
        walk(new TarWalker(TarInput.of(tarStream)), collector);
        // Read what follows the end-of-archive blocks: gzip checks its CRC at the end, and the digest needs
        // every byte.
        tarStream.drain();
        blob.drain();
        String actual = blob.sha256Hex();
        if (hashing && !expectedDigest.equals("sha256:" + actual)) {
            throw new ImageException(Kind.DIGEST_MISMATCH, "digest mismatch: the blob's content hashes to sha256:" + actual
                    + ", not " + expectedDigest);
        }
        return collector.result(tarStream.count(), c, actual == null ? null : "sha256:" + actual);
    }

    private static ImageException translate(String stage, IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return switch (stage) {
            case "gzip" -> e instanceof EOFException ? new ImageException(Kind.TRUNCATED, "truncated gzip data", e)
                    : new ImageException(Kind.CORRUPT, "corrupt gzip data (" + msg + ")", e);
            case "zstd" -> new ImageException(Kind.CORRUPT, "corrupt or truncated zstd data (" + msg + ")", e);
            case "read" -> e instanceof EOFException ? new ImageException(Kind.TRUNCATED, "truncated: the blob ended early", e)
                    : new ImageException(Kind.IO, "read error: " + msg, e);
            default -> {
                if (e instanceof ZipException) {
                    yield new ImageException(Kind.CORRUPT, "corrupt gzip data (" + msg + ")", e);
                }
                if (e instanceof EOFException) {
                    yield new ImageException(Kind.TRUNCATED, "truncated: " + msg, e);
                }
                if (e instanceof TarWalker.TarFormatException) {
                    yield new ImageException(Kind.CORRUPT, "corrupt layer tar: " + msg, e);
                }
                yield new ImageException(Kind.CORRUPT, "unreadable layer tar (" + msg + ")", e);
            }
        };
    }

    static String quote(String name) {
        return EntryPaths.quote(name);
    }

    /** Turns tar entries into LayerEntry values. */
    private final class Collector {
        private final List<LayerEntry> entries = new ArrayList<>();
        private final Map<String, byte[]> captured = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private long fileBytes;
        private int suppressedWarnings;

        void accept(TarWalker w) throws IOException, ImageException {
            String raw = w.name();
            String problem = EntryPaths.problem(raw);
            if (problem != null) {
                if (!options.lenientNames() || problem.contains("climbs")) {
                    throw new ImageException(Kind.UNSAFE_NAME, problem + ": " + quote(raw));
                }
                warn(problem + ": " + quote(raw));
            }
            String path = EntryPaths.normalize(raw);
            if (path.equals("/")) {
                return;
            }
            String base = EntryPaths.baseName(path);
            if (base.startsWith(".wh.")) {
                String parent = EntryPaths.parent(path);
                if (base.equals(".wh..wh..opq")) {
                    entries.add(new LayerEntry(parent, EntryKind.OPAQUE, 0, null, 0));
                } else if (!base.startsWith(".wh..wh.")) {
                    String hidden = parent.equals("/") ? "/" + base.substring(4) : parent + "/" + base.substring(4);
                    entries.add(new LayerEntry(hidden, EntryKind.WHITEOUT, 0, null, 0));
                }
                return;
            }
            EntryKind kind;
            String link = null;
            long size = 0;
            byte t = w.type();
            if (t == TarWalker.DIRECTORY) {
                kind = EntryKind.DIR;
            } else if (t == TarWalker.SYMLINK) {
                kind = EntryKind.SYMLINK;
                link = w.linkName();
                // Docker counts a symlink's own size: the length of its target.
                size = EntryPaths.byteLength(link);
                fileBytes += size;
            } else if (t == TarWalker.HARDLINK) {
                kind = EntryKind.HARDLINK;
                String rawLink = w.linkName();
                String lp = EntryPaths.problem(rawLink);
                if (lp != null && (!options.lenientNames() || lp.contains("climbs"))) {
                    throw new ImageException(Kind.UNSAFE_NAME, "hard link " + quote(raw) + " points outside the layer: "
                            + lp + ": " + quote(rawLink));
                }
                link = EntryPaths.normalize(rawLink);
            } else if (w.isRegularFile()) {
                kind = EntryKind.FILE;
                size = w.realSize();
            } else {
                kind = EntryKind.OTHER;
            }
            byte[] hash = null;
            if (kind == EntryKind.FILE) {
                fileBytes += size;
                byte[] content = null;
                if (options.capture().test(path)) {
                    if (size <= options.captureLimit()) {
                        content = w.readContent((int) size);
                        captured.put(path, content);
                    } else {
                        warn("not read (" + size + " bytes, over the limit): " + quote(raw));
                    }
                }
                boolean hashing = options.hashContent() && size > 0;
                if (content != null) {
                    hash = hashing ? sha256(content) : null;
                } else {
                    // A jar's captured bytes are its pom.properties (its Maven coordinates); a Go
                    // executable's, its build information. With --duplicates, the bytes read for them
                    // are hashed too and the hash finished with the rest.
                    java.security.MessageDigest md = hashing ? newDigest() : null;
                    byte[] head = size > 64 ? w.peekContent(4) : null;   // null: not in the buffer
                    byte[] meta = null;
                    if (size <= 64) {
                        // too small to be either
                    } else if (JarCoordinates.isJar(path) && JarCoordinates.mayBeZip(head)) {
                        java.nio.channels.SeekableByteChannel window = w.contentWindow();
                        meta = window != null ? JarCoordinates.fromChannel(window, EntryPaths.baseName(path))
                                : JarCoordinates.fromStream(digesting(w.contentStream(), md), EntryPaths.baseName(path));
                    } else if ((w.mode() & 0111) != 0 && GoBuildInfo.mayBeElf(head) && !isSharedLibrary(path)) {
                        java.nio.channels.SeekableByteChannel window = w.contentWindow();
                        meta = window != null ? GoBuildInfo.fromChannel(window)
                                : GoBuildInfo.fromStream(digesting(w.contentStream(), md));
                    }
                    if (meta != null) {
                        captured.put(path, meta);
                    }
                    if (hashing) {
                        hash = hashRest(w, md);
                    }
                }
            }
            entries.add(new LayerEntry(path, kind, size, link, w.mode(), hash));
        }

        /** Adds what is left of the entry's content to {@code md} (which has what was read before). */
        private byte[] hashRest(TarWalker w, java.security.MessageDigest md) throws IOException {
            byte[] buf = new byte[1 << 16];
            try (InputStream in = w.contentStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return md.digest();
        }

        /** {@code in} with every byte read or skipped added to {@code md} (none when null). */
        private static InputStream digesting(InputStream in, java.security.MessageDigest md) {
            if (md == null) {
                return in;
            }
            return new java.io.FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        md.update((byte) b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        md.update(b, off, n);
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    // skipped bytes must be hashed too: read them
                    byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
                    long done = 0;
                    while (done < n) {
                        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                        if (r < 0) {
                            break;
                        }
                        done += r;
                    }
                    return done;
                }

                @Override
                public boolean markSupported() {
                    return false;
                }
            };
        }

        private static boolean isSharedLibrary(String path) {
            return path.endsWith(".so") || path.contains(".so.");
        }

        private byte[] sha256(byte[] data) {
            return newDigest().digest(data);
        }

        private java.security.MessageDigest newDigest() {
            try {
                return java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private void warn(String w) {
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(w);
            } else {
                suppressedWarnings++;
            }
        }

        LayerScan result(long tarBytes, Compression c, String digest) {
            if (suppressedWarnings > 0) {
                warnings.add("… and " + suppressedWarnings + " more warnings");
            }
            return new LayerScan(entries, captured, fileBytes, tarBytes, c, digest, warnings, null);
        }
    }
}
