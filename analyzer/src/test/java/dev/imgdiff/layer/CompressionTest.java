package dev.imgdiff.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {
    @Test
    void tellsFormatsFromTheirFirstBytes() throws Exception {
        byte[] tar = tar();
        assertThat(Compression.sniff(tar, tar.length)).isEqualTo(Compression.NONE);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar);
        }
        assertThat(Compression.sniff(gz.toByteArray(), gz.size())).isEqualTo(Compression.GZIP);
        byte[] zstd = com.github.luben.zstd.Zstd.compress(tar);
        assertThat(Compression.sniff(zstd, zstd.length)).isEqualTo(Compression.ZSTD);
        byte[] text = "hello, this is not a tar archive at all".repeat(20).getBytes(StandardCharsets.UTF_8);
        assertThat(Compression.sniff(text, text.length)).isEqualTo(Compression.UNKNOWN);
        assertThat(Compression.sniff(new byte[1024], 1024)).isEqualTo(Compression.NONE);
        assertThat(Compression.sniff(new byte[0], 0)).isEqualTo(Compression.NONE);
    }

    @Test
    void aTarWithABrokenChecksumIsNotATar() throws Exception {
        byte[] tar = tar();
        tar[148] = '7';
        tar[149] = '7';
        assertThat(Compression.sniff(tar, tar.length)).isEqualTo(Compression.UNKNOWN);
    }

    static byte[] tar() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
            TarArchiveEntry e = new TarArchiveEntry("a.txt");
            e.setSize(3);
            t.putArchiveEntry(e);
            t.write("abc".getBytes(StandardCharsets.UTF_8));
            t.closeArchiveEntry();
        }
        return bos.toByteArray();
    }
}
