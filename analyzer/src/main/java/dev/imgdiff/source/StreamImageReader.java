package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.layer.Compression;
import dev.imgdiff.layer.EntryPaths;
import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.layer.TarMembers;
import dev.imgdiff.layer.LayerScan;
import dev.imgdiff.layer.LayerScanner;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@code docker save} (or oci-archive) stream front to back, once. The manifest comes last in
 * such streams, so every member that looks like a layer is scanned as it passes and kept by name; the
 * small JSON documents are kept in memory; the manifest then says which scans make the image, in which
 * order. A layer that fails to scan is an error only if the manifest names it.
 */
final class StreamImageReader {
    private static final int MAX_DOCUMENT = Json.MAX_DOCUMENT;

    private StreamImageReader() {
    }

    static ScannedImage read(InputStream raw, ImageReference ref, ReadOptions options, LayerSink sink)
            throws ImageException, IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(Compression.SNIFF_LENGTH);
        byte[] head = in.readNBytes(Compression.SNIFF_LENGTH);
        in.reset();
        if (head.length == 0) {
            throw new ImageException(Kind.NOT_AN_IMAGE, "empty input: expected a docker save archive");
        }
        InputStream archive = switch (Compression.sniff(head, head.length)) {
            case GZIP -> new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            case ZSTD -> new BufferedInputStream(new com.github.luben.zstd.ZstdInputStreamNoFinalizer(in), 1 << 16);
            case NONE -> in;
            default -> throw new ImageException(Kind.NOT_AN_IMAGE, "not an image archive: the data is not a tar archive");
        };
        MemoryBlobStore store = new MemoryBlobStore();
        Map<String, LayerScan> scans = new HashMap<>();
        Map<String, ImageException> failures = new HashMap<>();
        LayerScanner scanner = new LayerScanner(options.scan());
        int members;
        try {
            members = TarMembers.stream(archive, (m, content) -> {
                String name = m.name();
                if (m.kind() == EntryKind.SYMLINK) {
                    String target = m.link().startsWith("/") ? m.link() : EntryPaths.parent("/" + name) + "/" + m.link();
                    store.putLink(name, EntryPaths.normalize(target).substring(1));
                    return;
                }
                if (m.kind() == EntryKind.HARDLINK) {
                    store.putLink(name, EntryPaths.normalize(m.link()).substring(1));
                    return;
                }
                if (m.kind() != EntryKind.FILE) {
                    return;
                }
                long size = m.size();
                EndWatch watched = new EndWatch(content);
                BufferedInputStream member = new BufferedInputStream(watched, 1 << 16);
                member.mark(Compression.SNIFF_LENGTH);
                byte[] first = member.readNBytes(Compression.SNIFF_LENGTH);
                member.reset();
                if (size <= MAX_DOCUMENT && looksLikeDocument(name, first)) {
                    byte[] doc = member.readNBytes((int) size);
                    if (doc.length < size) {
                        throw new EOFException("the stream ends inside " + name);
                    }
                    store.putDocument(name, doc);
                    return;
                }
                String digest = ManifestResolver.digestFromBlobName(name);
                store.putPassed(name, size);
                try {
                    scans.put(name, scanner.scan(BlobSource.ofStream(member, size), digest));
                } catch (ImageException ex) {
                    if (watched.ended) {
                        throw new EOFException("the stream ends inside " + name);
                    }
                    failures.put(name, ex);
                }
            });
        } catch (EOFException ex) {
            throw new ImageException(Kind.TRUNCATED, "truncated archive: " + ex.getMessage(), ex);
        } catch (IOException ex) {
            throw new ImageException(Kind.CORRUPT, "unreadable archive (" + ex.getMessage() + ")", ex);
        }
        if (members == 0) {
            throw new ImageException(Kind.NOT_AN_IMAGE, "not an image archive: the tar is empty");
        }
        ManifestResolver resolver = new ManifestResolver(store, ref.original());
        ManifestResolver.Resolved resolved;
        if (store.find(ManifestResolver.DOCKER_MANIFEST).isPresent()) {
            resolved = resolver.resolveDocker(ref.selector(), options.platform(), false);
        } else if (store.find(ManifestResolver.OCI_INDEX).isPresent()) {
            resolved = resolver.resolveOci(ref.selector(), options.platform(), "oci-archive");
        } else {
            throw new ImageException(Kind.NOT_AN_IMAGE, "not an image archive: it has neither manifest.json (docker save) nor index.json (OCI)");
        }
        List<ScannedLayer> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int total = resolved.layers().size();
        for (LayerRef l : resolved.layers()) {
            String name = store.resolve(l.blobName());
            ImageException failed = failures.get(name);
            if (failed != null) {
                throw failed.inLayer(l.describe(total));
            }
            LayerScan s = scans.get(name);
            if (s == null) {
                throw new ImageException(Kind.MISSING_BLOB, "missing blob: the manifest names " + l.blobName() + " but the stream did not contain it")
                        .inLayer(l.describe(total));
            }
            sink.layer(l, s);
            scans.remove(name);
            layers.add(new ScannedLayer(l, s.summary()));
            for (String w : s.warnings()) {
                warnings.add(l.describe(total) + ": " + w);
            }
        }
        return new ScannedImage(resolved.info(), resolved.config(), layers, warnings);
    }

    private static boolean looksLikeDocument(String name, byte[] first) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.endsWith(".json") || base.equals("json") || base.equals("VERSION") || base.equals("oci-layout")
                || base.equals("repositories")) {
            return true;
        }
        for (byte b : first) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    /** Notes whether the archive itself ended inside a member (as opposed to a member whose own data is bad). */
    private static final class EndWatch extends java.io.FilterInputStream {
        private boolean ended;

        EndWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException e) {
                ended = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                ended = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (EOFException e) {
                ended = true;
                throw e;
            }
        }
    }
}
