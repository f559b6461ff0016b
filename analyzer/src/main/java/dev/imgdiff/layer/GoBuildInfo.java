package dev.imgdiff.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The build information the Go linker stores in every executable since Go 1.13: the Go version, the
 * main package's path and its module. It sits in the {@code .go.buildinfo} section, which starts with
 * {@code "\xff Go buildinf:"} on a 16-byte boundary inside a writable segment.
 *
 * <p>Two ways to find it, both reading only what they must: with a seekable layer, the ELF section
 * headers name the section (three small reads); in a stream, which must be read through anyway, the
 * program headers (at the start of the file) give the writable segments and the magic is looked for at
 * their 16-byte boundaries. Only the format of Go 1.18 and later (strings stored inline) is decoded.
 */
public final class GoBuildInfo {
    /** The most bytes of the section kept: the version and the module list fit in far fewer. */
    static final int LIMIT = 64 << 10;
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 32;
    private static final int ALIGN = 16;
    private static final int FLAG_INLINE_STRINGS = 0x2;
    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;
    private static final int PF_W = 2;

    /**
     * What the build information says.
     *
     * @param goVersion     the Go toolchain that built it ("go1.22.1")
     * @param path          the main package ("github.com/acme/svc/cmd/server", "cmd/go")
     * @param module        the main module, or null (the Go distribution's own commands have none)
     * @param moduleVersion the main module's version ("(devel)" for a build from a work tree), or null
     */
    public record Info(String goVersion, String path, String module, String moduleVersion) {
    }

    private GoBuildInfo() {
    }

    /** Whether a file whose first bytes are {@code head} (null: not known yet) may be an ELF file. */
    static boolean mayBeElf(byte[] head) {
        return head == null || head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /** Whether {@code data} is what {@link #fromChannel} or {@link #fromStream} returned. */
    public static boolean isBlob(byte[] data) {
        return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The raw build information of an ELF file that can seek, or null when it has none. */
    static byte[] fromChannel(SeekableByteChannel ch) {
        try {
            Elf elf = Elf.parse(readAt(ch, 0, 64));
            if (elf == null) {
                return null;
            }
            Boolean named = null;
            byte[] blob = null;
            try {
                if (elf.shnum > 0 && elf.shnum <= 4096 && elf.shentsize >= elf.sectionHeaderSize()
                        && elf.shstrndx < elf.shnum && elf.shoff > 0) {
                    byte[] sh = readAt(ch, elf.shoff, elf.shnum * elf.shentsize);
                    long namesOff = elf.sectionOffset(sh, elf.shstrndx);
                    long namesSize = Math.min(elf.sectionSize(sh, elf.shstrndx), LIMIT);
                    byte[] names = readAt(ch, namesOff, (int) namesSize);
                    named = false;
                    for (int i = 0; i < elf.shnum && !named; i++) {
                        if (".go.buildinfo".equals(cString(names, elf.sectionName(sh, i)))) {
                            named = true;
                            blob = readAt(ch, elf.sectionOffset(sh, i), (int) Math.min(elf.sectionSize(sh, i), LIMIT));
                        }
                    }
                }
            } catch (IOException | RuntimeException damaged) {
                named = null;
            }
            if (named != null) {
                // readable section headers decide: no such section, no build information
                return blob != null && isBlob(blob) ? blob : null;
            }
            // no section headers (stripped), or damaged ones: as in a stream
            ch.position(0);
            return fromStream(new ChannelStream(ch));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The raw build information of an ELF file read from its first byte on, or null when it has none.
     * Reads up to the end of the last writable segment at most; the caller skips the rest.
     */
    static byte[] fromStream(InputStream in) {
        try {
            byte[] h = in.readNBytes(64);
            Elf elf = Elf.parse(h);
            if (elf == null || elf.phoff < h.length || elf.phnum == 0 || elf.phnum > 256
                    || elf.phentsize < elf.programHeaderSize()) {
                return null;
            }
            long pos = h.length;
            skipFully(in, elf.phoff - pos);
            byte[] ph = in.readNBytes(elf.phnum * elf.phentsize);
            pos = elf.phoff + ph.length;
            if (ph.length < elf.phnum * elf.phentsize) {
                return null;
            }
            // The section is in a writable, not executable segment (the first one when Go links the
            // binary itself, a later one when the system linker does): look through all of them.
            long start = Long.MAX_VALUE;
            long end = -1;
            for (int i = 0; i < elf.phnum; i++) {
                if (elf.programType(ph, i) == PT_LOAD && (elf.programFlags(ph, i) & (PF_X | PF_W)) == PF_W) {
                    start = Math.min(start, elf.programOffset(ph, i));
                    end = Math.max(end, elf.programOffset(ph, i) + elf.programFileSize(ph, i));
                }
            }
            if (end > start && start >= pos) {
                skipFully(in, start - pos);
                return scan(in, start, end - start);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Looks for the magic at the 16-byte boundaries of the next {@code length} bytes, at file offset {@code at}. */
    private static byte[] scan(InputStream in, long at, long length) throws IOException {
        byte[] buf = new byte[LIMIT];
        int len = 0;
        long left = length;
        int next = (int) Math.floorMod(-at, (long) ALIGN);   // the next 16-byte boundary to look at
        while (true) {
            if (len == buf.length) {
                // keep the bytes from the next boundary on (fewer than one magic) and read on
                int keep = Math.max(0, len - next);
                System.arraycopy(buf, len - keep, buf, 0, keep);
                next -= len - keep;
                len = keep;
            }
            int n = left > 0 ? in.read(buf, len, (int) Math.min(buf.length - len, left)) : -1;
            if (n > 0) {
                len += n;
                left -= n;
            }
            for (; next + MAGIC.length <= len; next += ALIGN) {
                if (buf[next] == MAGIC[0] && Arrays.equals(buf, next, next + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                    byte[] blob = new byte[LIMIT];
                    int have = len - next;
                    System.arraycopy(buf, next, blob, 0, have);
                    have += in.readNBytes(blob, have, (int) Math.min(LIMIT - have, left));
                    return Arrays.copyOf(blob, have);
                }
            }
            if (n < 0) {
                return null;
            }
        }
    }

    /** Decodes raw build information; null when it is not in a format this reads (before Go 1.18) or is damaged. */
    public static Info parse(byte[] blob) {
        if (blob == null || blob.length < HEADER || !isBlob(blob) || (blob[15] & FLAG_INLINE_STRINGS) == 0) {
            return null;
        }
        int[] pos = {HEADER};
        byte[] version = readBytes(blob, pos);
        byte[] modinfo = readBytes(blob, pos);
        if (version == null || modinfo == null) {
            return null;
        }
        String goVersion = new String(version, StandardCharsets.UTF_8);
        if (!goVersion.startsWith("go")) {
            return null;
        }
        // The module list is framed by two 16-byte sentinels.
        int from = 0;
        int to = modinfo.length;
        if (to >= 33 && modinfo[to - 17] == '\n') {
            from = 16;
            to -= 16;
        }
        String text = new String(modinfo, from, to - from, StandardCharsets.UTF_8);
        String path = null;
        String module = null;
        String moduleVersion = null;
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("path") && f.length >= 2) {
                path = f[1];
            } else if (f[0].equals("mod") && f.length >= 3) {
                module = f[1];
                moduleVersion = f[2];
            }
        }
        if (path == null && module == null) {
            return null;
        }
        return new Info(goVersion, path, module, moduleVersion);
    }

    private static byte[] readBytes(byte[] b, int[] pos) {
        long len = 0;
        int shift = 0;
        int p = pos[0];
        while (true) {
            if (p >= b.length || shift > 28) {
                return null;
            }
            int x = b[p++] & 0xff;
            len |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                break;
            }
            shift += 7;
        }
        if (len > b.length - p) {
            return null;
        }
        pos[0] = p + (int) len;
        return Arrays.copyOfRange(b, p, p + (int) len);
    }

    private static String cString(byte[] b, long at) {
        if (at < 0 || at >= b.length) {
            return null;
        }
        int end = (int) at;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, (int) at, end - (int) at, StandardCharsets.ISO_8859_1);
    }

    private static byte[] readAt(SeekableByteChannel ch, long at, int n) throws IOException {
        if (at < 0 || n < 0 || at + n > ch.size()) {
            throw new IOException("outside the file");
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        ch.position(at);
        while (b.hasRemaining() && ch.read(b) > 0) {
            // fill
        }
        if (b.hasRemaining()) {
            throw new IOException("short read");
        }
        return b.array();
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the file ends early");
                }
                s = 1;
            }
            n -= s;
        }
    }

    /** The ELF header fields this needs, for 32- and 64-bit files of either byte order. */
    private record Elf(boolean wide, ByteOrder order, long phoff, int phentsize, int phnum, long shoff,
                       int shentsize, int shnum, int shstrndx) {
        enum ByteOrder { LITTLE, BIG }

        static Elf parse(byte[] h) {
            if (h.length < 52 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F' || (h[4] != 1 && h[4] != 2) || (h[5] != 1 && h[5] != 2)) {
                return null;
            }
            boolean wide = h[4] == 2;
            ByteOrder o = h[5] == 1 ? ByteOrder.LITTLE : ByteOrder.BIG;
            if (wide && h.length < 64) {
                return null;
            }
            return wide
                    ? new Elf(true, o, u64(h, 32, o), u16(h, 54, o), u16(h, 56, o), u64(h, 40, o), u16(h, 58, o),
                            u16(h, 60, o), u16(h, 62, o))
                    : new Elf(false, o, u32(h, 28, o), u16(h, 42, o), u16(h, 44, o), u32(h, 32, o), u16(h, 46, o),
                            u16(h, 48, o), u16(h, 50, o));
        }

        int sectionHeaderSize() {
            return wide ? 64 : 40;
        }

        int programHeaderSize() {
            return wide ? 56 : 32;
        }

        long sectionName(byte[] sh, int i) {
            return u32(sh, i * shentsize, order);
        }

        long sectionOffset(byte[] sh, int i) {
            return wide ? u64(sh, i * shentsize + 24, order) : u32(sh, i * shentsize + 16, order);
        }

        long sectionSize(byte[] sh, int i) {
            return wide ? u64(sh, i * shentsize + 32, order) : u32(sh, i * shentsize + 20, order);
        }

        long programType(byte[] ph, int i) {
            return u32(ph, i * phentsize, order);
        }

        long programFlags(byte[] ph, int i) {
            return u32(ph, i * phentsize + (wide ? 4 : 24), order);
        }

        long programOffset(byte[] ph, int i) {
            return wide ? u64(ph, i * phentsize + 8, order) : u32(ph, i * phentsize + 4, order);
        }

        long programFileSize(byte[] ph, int i) {
            return wide ? u64(ph, i * phentsize + 32, order) : u32(ph, i * phentsize + 16, order);
        }

        private static int u16(byte[] b, int at, ByteOrder o) {
            return (int) unsigned(b, at, 2, o);
        }

        private static long u32(byte[] b, int at, ByteOrder o) {
            return unsigned(b, at, 4, o);
        }

        private static long u64(byte[] b, int at, ByteOrder o) {
            long v = unsigned(b, at, 8, o);
            if (v < 0) {
                throw new IllegalArgumentException("offset out of range");
            }
            return v;
        }

        private static long unsigned(byte[] b, int at, int n, ByteOrder o) {
            long v = 0;
            for (int k = 0; k < n; k++) {
                int idx = o == ByteOrder.LITTLE ? at + n - 1 - k : at + k;
                v = (v << 8) | (b[idx] & 0xff);
            }
            return v;
        }
    }

    /** A channel read as a stream whose skip seeks. */
    private static final class ChannelStream extends InputStream {
        private final SeekableByteChannel ch;

        ChannelStream(SeekableByteChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
            long s = Math.max(0, Math.min(n, ch.size() - ch.position()));
            ch.position(ch.position() + s);
            return s;
        }
    }
}
