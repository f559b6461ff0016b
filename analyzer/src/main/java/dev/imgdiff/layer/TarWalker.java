package dev.imgdiff.layer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A lean tar reader for layer scans: it parses the 512-byte headers of ustar, POSIX (PAX) and GNU tars —
 * long names and link names, base-256 sizes, old and PAX sparse files — and steps over content without
 * reading it when its input can seek. It keeps nothing from one entry to the next but the header being
 * read. Names are decoded as UTF-8, invalid bytes kept as {@link EscapingUtf8} escapes.
 *
 * <p>Call {@link #next()} until it returns false; after each true, the current entry's fields are
 * valid and {@link #readContent(int)} may read its bytes.
 */
final class TarWalker {
    static final byte FILE = '0';
    static final byte OLD_FILE = 0;
    static final byte HARDLINK = '1';
    static final byte SYMLINK = '2';
    static final byte CHAR_DEV = '3';
    static final byte BLOCK_DEV = '4';
    static final byte DIRECTORY = '5';
    static final byte FIFO = '6';
    static final byte CONTIGUOUS = '7';
    private static final int BLOCK = 512;
    /** Longest accepted long name or PAX header: beyond this, the archive is hostile. */
    private static final int MAX_META = 1 << 20;

    private final TarInput in;
    private final byte[] header = new byte[BLOCK];
    private final CharsetDecoder utf8 = new EscapingUtf8().newDecoder();
    private final Map<String, String> globalPax = new HashMap<>();
    private long contentLeft;
    private long paddingLeft;
    private boolean done;

    // The current entry.
    private String name;
    private String linkName;
    private byte type;
    private long size;
    private long realSize;
    private int mode;
    private long headerOffset;

    TarWalker(TarInput in) {
        this.in = in;
    }

    String name() {
        return name;
    }

    String linkName() {
        return linkName;
    }

    /** The type flag, with old-style directories (a file name ending in '/') reported as directories. */
    byte type() {
        return type;
    }

    /** The apparent size: for sparse files the logical size, else the stored size. */
    long realSize() {
        return realSize;
    }

    int mode() {
        return mode;
    }

    /** Where the current entry's header starts in the tar. */
    long headerOffset() {
        return headerOffset;
    }

    boolean isRegularFile() {
        return type == FILE || type == OLD_FILE || type == CONTIGUOUS || !isKnownType(type);
    }

    private static boolean isKnownType(byte t) {
        return t == FILE || t == OLD_FILE || t == HARDLINK || t == SYMLINK || t == CHAR_DEV || t == BLOCK_DEV
                || t == DIRECTORY || t == FIFO || t == CONTIGUOUS;
    }

    /**
     * Moves to the next entry.
     *
     * @return false at the end of the archive
     * @throws TarFormatException for a header that is not a tar header
     * @throws EOFException when the input ends inside an entry
     */
    boolean next() throws IOException {
        if (done) {
            return false;
        }
        in.skip(contentLeft + paddingLeft);
        contentLeft = 0;
        paddingLeft = 0;
        String longName = null;
        String longLink = null;
        Map<String, String> pax = null;
        while (true) {
            headerOffset = in.position();
            int n = in.readFully(header, 0, BLOCK);
            if (n == 0) {
                done = true;
                return false;
            }
            if (n < BLOCK) {
                throw new EOFException("the tar ends inside a header");
            }
            if (isZero(header)) {
                done = true;
                return false;
            }
            verifyChecksum();
            byte t = header[156];
            long stored = number(124, 12, "size");
            if (stored < 0) {
                throw new TarFormatException("negative size in the header at offset " + headerOffset);
            }
            switch (t) {
                case 'L' -> {
                    longName = string(meta(stored), true);
                    continue;
                }
                case 'K' -> {
                    longLink = string(meta(stored), true);
                    continue;
                }
                case 'x', 'X' -> {
                    pax = parsePax(meta(stored), pax == null ? new HashMap<>(globalPax) : pax);
                    continue;
                }
                case 'g' -> {
                    parsePax(meta(stored), globalPax);
                    continue;
                }
                case 'V' -> {
                    skipContent(stored);
                    continue;
                }
                default -> {
                }
            }
            Map<String, String> p = pax != null ? pax : globalPax.isEmpty() ? null : globalPax;
            boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                    && header[261] == 'r';
            boolean gnu = ustar && header[262] == ' ';
            String n0 = field(0, 100);
            if (ustar && !gnu && header[345] != 0) {
                n0 = field(345, 155) + "/" + n0;
            }
            name = p != null && p.containsKey("path") ? p.get("path") : longName != null ? longName : n0;
            linkName = p != null && p.containsKey("linkpath") ? p.get("linkpath")
                    : longLink != null ? longLink : field(157, 100);
            mode = (int) number(100, 8, "mode");
            size = p != null && p.containsKey("size") ? paxNumber(p.get("size"), "size") : stored;
            realSize = size;
            if (t == 'S') {
                realSize = number(483, 12, "sparse size");
                boolean extended = header[482] != 0;
                while (extended) {
                    if (in.readFully(header, 0, BLOCK) < BLOCK) {
                        throw new EOFException("the tar ends inside a sparse header");
                    }
                    extended = header[504] != 0;
                }
                t = FILE;
            }
            if (p != null) {
                String sparseName = p.get("GNU.sparse.name");
                if (sparseName != null) {
                    name = sparseName;
                }
                String real = p.containsKey("GNU.sparse.realsize") ? p.get("GNU.sparse.realsize") : p.get("GNU.sparse.size");
                if (real != null) {
                    realSize = paxNumber(real, "sparse size");
                }
            }
            if ((t == FILE || t == OLD_FILE) && name.endsWith("/")) {
                t = DIRECTORY;
            }
            type = t;
            boolean hasData = t != DIRECTORY && t != SYMLINK && t != HARDLINK && t != CHAR_DEV && t != BLOCK_DEV
                    && t != FIFO;
            if (!hasData) {
                // Some writers put a size on links and directories; their bytes are not content.
                realSize = 0;
            }
            contentLeft = size;
            paddingLeft = padding(size);
            return true;
        }
    }

    /** Reads the current entry's content (at most {@code max} bytes; all of it when it is smaller). */
    byte[] readContent(int max) throws IOException {
        int want = (int) Math.min(contentLeft, max);
        byte[] b = new byte[want];
        int n = in.readFully(b, 0, want);
        contentLeft -= n;
        if (n < want) {
            throw new EOFException("the tar ends inside an entry");
        }
        return b;
    }

    /** Where the reader stands in the tar. */
    long position() {
        return in.position();
    }

    /** The first bytes of the current entry's content when they are already buffered (no read), else null. */
    byte[] peekContent(int n) {
        return contentLeft == size && size >= n ? in.peekBuffered(n) : null;
    }

    /** A seekable view of the current entry's content when the input can seek (before reading it), else null. */
    java.nio.channels.SeekableByteChannel contentWindow() {
        return contentLeft == size ? in.window(size) : null;
    }

    /** The stored size of the current entry (what its content occupies in the tar). */
    long storedSize() {
        return size;
    }

    /**
     * The current entry's content as a stream that ends with the entry. Reading it is optional:
     * {@link #next()} skips whatever is left.
     */
    java.io.InputStream contentStream() {
        return new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (contentLeft <= 0) {
                    return -1;
                }
                int want = (int) Math.min(len, contentLeft);
                int n = in.readFully(b, off, want);
                contentLeft -= n;
                if (n < want) {
                    throw new EOFException("the tar ends inside an entry");
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long k = Math.min(n, contentLeft);
                in.skip(k);
                contentLeft -= k;
                return k;
            }
        };
    }

    private void skipContent(long stored) throws IOException {
        in.skip(stored + padding(stored));
    }

    private byte[] meta(long stored) throws IOException {
        if (stored > MAX_META) {
            throw new TarFormatException("a " + stored + "-byte extended header at offset " + headerOffset
                    + " (the limit is " + MAX_META + ")");
        }
        byte[] b = new byte[(int) stored];
        if (in.readFully(b, 0, b.length) < b.length) {
            throw new EOFException("the tar ends inside an extended header");
        }
        in.skip(padding(stored));
        return b;
    }

    private static long padding(long size) {
        long r = size % BLOCK;
        return r == 0 ? 0 : BLOCK - r;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void verifyChecksum() throws TarFormatException {
        long stored;
        try {
            stored = octal(148, 8);
        } catch (TarFormatException e) {
            throw new TarFormatException("not a tar header at offset " + headerOffset + " (bad checksum field)");
        }
        // Sum every byte (a loop the JIT vectorises), then count the checksum field as spaces.
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            unsigned += header[i] & 0xFF;
            signed += header[i];
        }
        for (int i = 148; i < 156; i++) {
            unsigned += ' ' - (header[i] & 0xFF);
            signed += ' ' - header[i];
        }
        if (stored != unsigned && stored != signed) {
            throw new TarFormatException("not a tar header at offset " + headerOffset + " (checksum mismatch)");
        }
    }

    private long number(int off, int len, String what) throws TarFormatException {
        if ((header[off] & 0x80) != 0) {
            if ((header[off] & 0xFF) == 0xFF) {
                throw new TarFormatException("negative " + what + " in the header at offset " + headerOffset);
            }
            long v = header[off] & 0x7F;
            for (int i = 1; i < len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new TarFormatException(what + " too large in the header at offset " + headerOffset);
                }
                v = (v << 8) | (header[off + i] & 0xFF);
            }
            return v;
        }
        try {
            return octal(off, len);
        } catch (TarFormatException e) {
            throw new TarFormatException("bad " + what + " field in the header at offset " + headerOffset);
        }
    }

    private long octal(int off, int len) throws TarFormatException {
        int i = off;
        int end = off + len;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long v = 0;
        boolean any = false;
        for (; i < end; i++) {
            byte c = header[i];
            if (c == ' ' || c == 0) {
                break;
            }
            if (c < '0' || c > '7') {
                throw new TarFormatException("bad octal");
            }
            if (v > (Long.MAX_VALUE >> 3)) {
                throw new TarFormatException("octal too large");
            }
            v = (v << 3) + (c - '0');
            any = true;
        }
        for (; i < end; i++) {
            if (header[i] != ' ' && header[i] != 0) {
                throw new TarFormatException("bad octal");
            }
        }
        return any ? v : 0;
    }

    private static long paxNumber(String s, String what) throws TarFormatException {
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TarFormatException("bad " + what + " in a PAX header");
        }
    }

    /** A NUL-terminated header field. */
    private String field(int off, int len) throws TarFormatException {
        int end = off;
        int limit = off + len;
        boolean ascii = true;
        while (end < limit && header[end] != 0) {
            if (header[end] < 0) {
                ascii = false;
            }
            end++;
        }
        if (ascii) {
            return new String(header, off, end - off, StandardCharsets.ISO_8859_1);
        }
        return decode(header, off, end - off);
    }

    private String string(byte[] b, boolean nulTerminated) throws TarFormatException {
        int len = b.length;
        if (nulTerminated) {
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    len = i;
                    break;
                }
            }
        }
        return decode(b, 0, len);
    }

    private String decode(byte[] b, int off, int len) throws TarFormatException {
        try {
            return utf8.decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new TarFormatException("undecodable name at offset " + headerOffset);
        }
    }

    /** PAX records: "LEN KEY=VALUE\n", LEN counting the whole record. */
    private Map<String, String> parsePax(byte[] data, Map<String, String> into) throws TarFormatException {
        int i = 0;
        while (i < data.length) {
            if (data[i] == 0) {
                break;
            }
            int sp = i;
            long len = 0;
            while (sp < data.length && data[sp] != ' ') {
                byte c = data[sp];
                if (c < '0' || c > '9' || len > MAX_META) {
                    throw new TarFormatException("malformed PAX header at offset " + headerOffset);
                }
                len = len * 10 + (c - '0');
                sp++;
            }
            if (sp >= data.length || len < 5 || i + len > data.length || data[(int) (i + len - 1)] != '\n') {
                throw new TarFormatException("malformed PAX header at offset " + headerOffset);
            }
            int eq = sp + 1;
            while (eq < i + len && data[eq] != '=') {
                eq++;
            }
            if (eq >= i + len - 1) {
                throw new TarFormatException("malformed PAX header at offset " + headerOffset);
            }
            String key = new String(data, sp + 1, eq - sp - 1, StandardCharsets.UTF_8);
            String value = decode(data, eq + 1, (int) (i + len - 1 - (eq + 1)));
            if (value.isEmpty()) {
                into.remove(key);
            } else {
                into.put(key, value);
            }
            i += (int) len;
        }
        return into;
    }

    /** A header that is not a valid tar header. */
    static final class TarFormatException extends IOException {
        TarFormatException(String message) {
            super(message);
        }
    }
}
