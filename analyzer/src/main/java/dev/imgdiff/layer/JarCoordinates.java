package dev.imgdiff.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Finds the {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} of a jar inside a layer: from a file by
 * reading only the zip's central directory and that entry, from a stream by walking the zip's entries
 * as they pass. A shaded jar holds several; the one whose artifact and version match the jar's name wins,
 * else the first. A jar that is not a readable zip simply has none.
 */
final class JarCoordinates {
    private static final int MAX_PROPERTIES = 64 * 1024;

    private JarCoordinates() {
    }

    static boolean isJar(String path) {
        return path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear");
    }

    /** False when the first bytes are known and are not a zip's; true when they are, or are not known. */
    static boolean mayBeZip(byte[] first) {
        return first == null || first.length >= 4 && first[0] == 'P' && first[1] == 'K' && first[2] == 3 && first[3] == 4;
    }

    /** From a seekable view of the jar's bytes; null when none is found (or the file is no zip). */
    static byte[] fromChannel(SeekableByteChannel jar, String jarName) {
        try {
            ByteBuffer magic = ByteBuffer.allocate(4);
            jar.position(0);
            while (magic.hasRemaining() && jar.read(magic) > 0) {
                // fill
            }
            if (magic.position() < 4 || magic.get(0) != 'P' || magic.get(1) != 'K' || magic.get(2) != 3 || magic.get(3) != 4) {
                return null;
            }
            jar.position(0);
        } catch (IOException e) {
            return null;
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(jar).get()) {
            List<byte[]> found = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Enumeration<ZipArchiveEntry> e = zip.getEntries();
            while (e.hasMoreElements()) {
                ZipArchiveEntry z = e.nextElement();
                if (isPomProperties(z.getName()) && z.getSize() <= MAX_PROPERTIES) {
                    try (InputStream in = zip.getInputStream(z)) {
                        found.add(in.readNBytes(MAX_PROPERTIES));
                        names.add(z.getName());
                    }
                }
            }
            return choose(found, names, jarName);
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /** From the jar's bytes as a stream (read to the end by the caller afterwards); null when none. */
    static byte[] fromStream(InputStream jar, String jarName) {
        List<byte[]> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            ZipArchiveInputStream zip = new ZipArchiveInputStream(jar, "UTF-8", true, true);
            ZipArchiveEntry z;
            while ((z = zip.getNextEntry()) != null) {
                if (isPomProperties(z.getName())) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = zip.read(buf)) > 0 && out.size() <= MAX_PROPERTIES) {
                        out.write(buf, 0, n);
                    }
                    found.add(out.toByteArray());
                    names.add(z.getName());
                }
            }
        } catch (IOException | RuntimeException ex) {
            // not a readable zip past this point: keep what was found
        }
        return choose(found, names, jarName);
    }

    private static boolean isPomProperties(String name) {
        return name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties") && name.split("/").length == 5;
    }

    private static byte[] choose(List<byte[]> found, List<String> names, String jarName) {
        if (found.isEmpty()) {
            return null;
        }
        for (int i = 0; i < found.size(); i++) {
            String artifact = names.get(i).split("/")[3];
            if (jarName.startsWith(artifact + "-") || jarName.equals(artifact + ".jar")) {
                return found.get(i);
            }
        }
        return found.get(0);
    }

    /**
     * A read-only window of a channel that this scan alone uses, read through a block cache: zip readers
     * look for the end of the central directory a few bytes at a time, backwards.
     */
    static final class Window extends ReadOnlyChannel {
        private static final int BLOCK = 64 * 1024;
        private final SeekableByteChannel ch;
        private final long start;
        /** Allocated on the first cached read: most jars are looked at through their first four bytes only. */
        private ByteBuffer cache;
        private long cacheStart = -1;

        Window(SeekableByteChannel ch, long start, long size) {
            super(size);
            this.ch = ch;
            this.start = start;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (pos >= size) {
                return -1;
            }
            int want = (int) Math.min(dst.remaining(), size - pos);
            if (want >= BLOCK || (cacheStart < 0 && pos == 0 && want <= 64)) {
                // Big reads, and the first small peek at the start (the zip magic), go straight through.
                ByteBuffer slice = dst.duplicate();
                slice.limit(slice.position() + want);
                ch.position(start + pos);
                int n = ch.read(slice);
                if (n > 0) {
                    dst.position(dst.position() + n);
                    pos += n;
                }
                return n;
            }
            if (cache == null) {
                cache = ByteBuffer.allocate(BLOCK);
                cache.limit(0);
            }
            if (cacheStart < 0 || pos < cacheStart || pos + want > cacheStart + cache.limit()) {
                // Centre the block on the read, so backward and forward scans both hit it.
                cacheStart = Math.max(0, Math.min(pos - BLOCK / 2, size - BLOCK));
                cache.clear();
                cache.limit((int) Math.min(BLOCK, size - cacheStart));
                ch.position(start + cacheStart);
                while (cache.hasRemaining() && ch.read(cache) > 0) {
                    // fill
                }
                cache.flip();
            }
            int from = (int) (pos - cacheStart);
            int n = Math.min(want, cache.limit() - from);
            if (n <= 0) {
                return -1;
            }
            dst.put(cache.array(), from, n);
            pos += n;
            return n;
        }
    }
}
