package dev.imgdiff.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.LayerSpec;
import dev.imgdiff.fixtures.edge.EdgeCases;
import dev.imgdiff.fixtures.write.LayerTarWriter;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer tar reader must read every header the way commons-compress does: each tar here is read by
 * both, seeking and streaming, and the entries compared.
 */
class TarWalkerTest {
    @TempDir
    Path dir;

    record Entry(String name, byte type, long realSize, String link) {
    }

    static List<Entry> walk(TarInput in) throws IOException {
        TarWalker w = new TarWalker(in);
        List<Entry> out = new ArrayList<>();
        while (w.next()) {
            out.add(new Entry(w.name(), w.type(), w.realSize(), w.linkName()));
        }
        return out;
    }

    static List<Entry> commons(byte[] tar) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(tar), "UTF-8")) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                byte type = e.isDirectory() ? TarWalker.DIRECTORY : e.isSymbolicLink() ? TarWalker.SYMLINK
                        : e.isLink() ? TarWalker.HARDLINK : e.isCharacterDevice() ? TarWalker.CHAR_DEV
                        : e.isBlockDevice() ? TarWalker.BLOCK_DEV : e.isFIFO() ? TarWalker.FIFO : TarWalker.FILE;
                long real = type == TarWalker.FILE ? e.getRealSize() : 0;
                out.add(new Entry(e.getName(), type, real, e.isSymbolicLink() || e.isLink() ? e.getLinkName() : ""));
            }
        }
        return out;
    }

    private List<Entry> normalize(List<Entry> entries) {
        return entries.stream().map(e -> new Entry(e.name(),
                e.type() == TarWalker.OLD_FILE || e.type() == TarWalker.CONTIGUOUS ? TarWalker.FILE : e.type(),
                e.realSize(), e.link() == null ? "" : e.link())).toList();
    }

    private void assertSameAsCommons(byte[] tar) throws IOException {
        List<Entry> expected = commons(tar);
        assertThat(normalize(walk(TarInput.of(new ByteArrayInputStream(tar))))).isEqualTo(expected);
        Path f = Files.write(dir.resolve("t.tar"), tar);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            assertThat(normalize(walk(TarInput.of(ch)))).isEqualTo(expected);
        }
    }

    @Test
    void everyEdgeCaseLayerReadsLikeCommonsCompress() throws IOException {
        for (boolean dotSlash : new boolean[]{false, true}) {
            LayerTarWriter writer = new LayerTarWriter(dotSlash);
            for (ImageSpec spec : EdgeCases.all()) {
                for (LayerSpec layer : spec.layers()) {
                    assertSameAsCommons(writer.toBytes(layer));
                }
            }
        }
    }

    @Test
    void gnuTarFormatsReadLikeCommonsCompress() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar is not installed");
        Path src = Files.createDirectories(dir.resolve("src"));
        String longDir = "d".repeat(120) + "/" + "e".repeat(90);
        Files.createDirectories(src.resolve(longDir));
        Files.writeString(src.resolve(longDir + "/" + "f".repeat(80) + ".txt"), "hello");
        Files.writeString(src.resolve("é日本語.txt"), "unicode");
        Files.createSymbolicLink(src.resolve("link-" + "l".repeat(110)), Path.of(longDir + "/x"));
        Files.createLink(src.resolve("hard"), src.resolve("é日本語.txt"));
        try (FileChannel ch = FileChannel.open(src.resolve("sparse.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("start".getBytes(StandardCharsets.US_ASCII)), 0);
            ch.write(java.nio.ByteBuffer.wrap("end".getBytes(StandardCharsets.US_ASCII)), 5_000_000);
        }
        for (String format : List.of("gnu", "oldgnu", "pax", "posix")) {
            Path out = dir.resolve(format + ".tar");
            Process p = new ProcessBuilder("tar", "--format=" + format, "--sparse", "-cf", out.toString(), "-C",
                    src.toString(), ".").redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(log).isZero();
            byte[] tar = Files.readAllBytes(out);
            assertSameAsCommons(tar);
            List<Entry> entries = walk(TarInput.of(new ByteArrayInputStream(tar)));
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.name()).endsWith("sparse.bin");
                assertThat(e.realSize()).isEqualTo(5_000_003);
            });
            assertThat(entries).anySatisfy(e -> assertThat(e.name()).endsWith("é日本語.txt"));
        }
    }

    @Test
    void aBrokenChecksumIsAFormatError() throws IOException {
        byte[] tar = new LayerTarWriter(false).toBytes(EdgeCases.all().get(0).layers().get(0));
        tar[0] ^= 1;
        assertThrows(TarWalker.TarFormatException.class, () -> walk(TarInput.of(new ByteArrayInputStream(tar))));
    }

    @Test
    void anArchiveCutInsideAnEntryIsTruncated() throws IOException {
        byte[] tar = new LayerTarWriter(false).toBytes(EdgeCases.all().get(0).layers().get(0));
        byte[] cut = Arrays.copyOf(tar, 512 + 100);
        Path f = Files.write(dir.resolve("cut.tar"), cut);
        assertThrows(EOFException.class, () -> {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                TarWalker w = new TarWalker(TarInput.of(ch));
                while (w.next()) {
                    // skip
                }
            }
        });
    }
}
