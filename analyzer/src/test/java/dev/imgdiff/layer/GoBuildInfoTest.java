package dev.imgdiff.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.fixtures.GoExecutable;
import dev.imgdiff.fixtures.write.Content;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go build information found through the section headers, and through the program headers in a stream. */
class GoBuildInfoTest {
    @TempDir
    Path dir;

    private static final GoExecutable SERVICE =
            GoExecutable.module("go1.22.1", "github.com/acme/svc/cmd/server", "github.com/acme/svc", "v1.4.0");

    /** The bytes the fixtures write for a Go executable of {@code size} bytes. */
    static byte[] file(GoExecutable go, int size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = go.head(size);
        out.write(head);
        Content.writeTo(7, size - head.length, out);
        return out.toByteArray();
    }

    private SeekableByteChannel channel(byte[] bytes) throws Exception {
        Path p = Files.write(dir.resolve("exe"), bytes);
        return Files.newByteChannel(p, StandardOpenOption.READ);
    }

    @Test
    void readsTheModuleAndGoVersionBothWays() throws Exception {
        for (GoExecutable go : new GoExecutable[] {SERVICE, SERVICE.withoutSectionHeaders()}) {
            byte[] bytes = file(go, 200_000);
            try (SeekableByteChannel ch = channel(bytes)) {
                assertThat(GoBuildInfo.parse(GoBuildInfo.fromChannel(ch))).as("seeking, " + go)
                        .isEqualTo(new GoBuildInfo.Info("go1.22.1", "github.com/acme/svc/cmd/server", "github.com/acme/svc", "v1.4.0"));
            }
            assertThat(GoBuildInfo.parse(GoBuildInfo.fromStream(new ByteArrayInputStream(bytes)))).as("streaming, " + go)
                    .isEqualTo(new GoBuildInfo.Info("go1.22.1", "github.com/acme/svc/cmd/server", "github.com/acme/svc", "v1.4.0"));
        }
    }

    @Test
    void theGoCommandsHaveNoModule() throws Exception {
        byte[] bytes = file(GoExecutable.command("go1.22.1", "cmd/compile"), 50_000);
        assertThat(GoBuildInfo.parse(GoBuildInfo.fromStream(new ByteArrayInputStream(bytes))))
                .isEqualTo(new GoBuildInfo.Info("go1.22.1", "cmd/compile", null, null));
    }

    @Test
    void aStreamDeliveredInSmallPiecesStillFindsIt() throws Exception {
        byte[] bytes = file(SERVICE.withoutSectionHeaders(), 100_000);
        java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertThat(GoBuildInfo.parse(GoBuildInfo.fromStream(trickle))).isNotNull()
                .extracting(GoBuildInfo.Info::module).isEqualTo("github.com/acme/svc");
    }

    @Test
    void otherFilesAndDamagedHeadersGiveNothing() throws Exception {
        byte[] random = Content.bytes(3, 100_000);
        assertThat(GoBuildInfo.fromStream(new ByteArrayInputStream(random))).isNull();
        try (SeekableByteChannel ch = channel(random)) {
            assertThat(GoBuildInfo.fromChannel(ch)).isNull();
        }
        byte[] good = file(SERVICE, 100_000);
        // program headers that point backwards, or too many of them; cut short
        byte[] backwards = file(SERVICE.withoutSectionHeaders(), 100_000);
        ByteBuffer.wrap(backwards).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 8);
        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).order(ByteOrder.LITTLE_ENDIAN).putShort(60, (short) 0xffff).putShort(56, (short) 0xffff);
        for (byte[] bad : new byte[][] {backwards, hugeCount, Arrays.copyOf(good, 0x2110), Arrays.copyOf(good, 40)}) {
            try (SeekableByteChannel ch = channel(bad)) {
                assertThat(GoBuildInfo.parse(GoBuildInfo.fromChannel(ch))).isNull();
            }
            assertThat(GoBuildInfo.parse(GoBuildInfo.fromStream(new ByteArrayInputStream(bad)))).isNull();
        }
    }

    @Test
    void damagedSectionHeadersFallBackToTheProgramHeaders() throws Exception {
        byte[] farSections = file(SERVICE, 100_000);
        ByteBuffer.wrap(farSections).order(ByteOrder.LITTLE_ENDIAN).putLong(40, Long.MAX_VALUE / 2);
        try (SeekableByteChannel ch = channel(farSections)) {
            assertThat(GoBuildInfo.parse(GoBuildInfo.fromChannel(ch))).extracting(GoBuildInfo.Info::module)
                    .isEqualTo("github.com/acme/svc");
        }
        // readable section headers without a .go.buildinfo section: not a Go program (the magic in the
        // writable segment is not looked for)
        byte[] renamed = file(SERVICE, 100_000);
        renamed[0x600 + 24 + 4] = 'X';   // ".go.Xuildinfo"
        try (SeekableByteChannel ch = channel(renamed)) {
            assertThat(GoBuildInfo.fromChannel(ch)).isNull();
        }
    }

    @Test
    void aLengthThatRunsPastTheSectionIsRefused() throws Exception {
        byte[] good = file(SERVICE, 100_000);
        byte[] blob;
        try (SeekableByteChannel ch = channel(good)) {
            blob = GoBuildInfo.fromChannel(ch);
        }
        byte[] cut = Arrays.copyOf(blob, 40);   // the module list's length says more than is there
        assertThat(GoBuildInfo.isBlob(cut)).isTrue();
        assertThat(GoBuildInfo.parse(cut)).isNull();
        byte[] oldFormat = blob.clone();
        oldFormat[15] = 0;                          // before Go 1.18: pointers, not inline strings
        assertThat(GoBuildInfo.parse(oldFormat)).isNull();
    }
}
