package dev.imgdiff.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Where a tar walk reads from: a file region it can seek in (content it does not need is never read),
 * or a stream it reads once (content it does not need is read and dropped).
 */
abstract class TarInput {
    /** Bytes consumed so far, from the start of the tar. */
    abstract long position();

    /** Reads up to {@code len} bytes; returns how many, fewer only at the end of the input. */
    abstract int readFully(byte[] b, int off, int len) throws IOException;

    /** Moves forward {@code n} bytes; throws EOFException when the input ends first. */
    abstract void skip(long n) throws IOException;

    /**
     * The next {@code n} bytes without consuming them, when they are already buffered; else null (nothing
     * is read to answer).
     */
    byte[] peekBuffered(int n) {
        return null;
    }

    /** A window of the input from the current position, when the input can seek; else null. */
    SeekableByteChannel window(long length) {
        return null;
    }

    static TarInput of(SeekableByteChannel ch) throws IOException {
        return new Seekable(ch);
    }

    static TarInput of(InputStream in) {
        return new Streamed(in);
    }

    /** Seeks over content; reads in small chunks so neighbouring small entries share one read. */
    private static final class Seekable extends TarInput {
        private static final int CHUNK = 16 * 1024;
        private final SeekableByteChannel ch;
        private final long size;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        /** Position in the tar of buf's first byte. */
        private long bufStart;
        private long pos;

        Seekable(SeekableByteChannel ch) throws IOException {
            this.ch = ch;
            this.size = ch.size();
            buf.limit(0);
        }

        @Override
        long position() {
            return pos;
        }

        @Override
        int readFully(byte[] b, int off, int len) throws IOException {
            if (len > CHUNK && (pos < bufStart || pos >= bufStart + buf.limit())) {
                // A long read (file content): straight from the file, not through the header buffer.
                ByteBuffer dst = ByteBuffer.wrap(b, off, len);
                ch.position(pos);
                while (dst.hasRemaining()) {
                    if (ch.read(dst) < 0) {
                        break;
                    }
                }
                int n = len - dst.remaining();
                pos += n;
                return n;
            }
            int done = 0;
            while (done < len) {
                long inBuf = pos - bufStart;
                if (inBuf < 0 || inBuf >= buf.limit()) {
                    if (!refill()) {
                        break;
                    }
                    inBuf = 0;
                }
                int n = (int) Math.min(len - done, buf.limit() - inBuf);
                buf.get((int) inBuf, b, off + done, n);
                done += n;
                pos += n;
            }
            return done;
        }

        private boolean refill() throws IOException {
            if (pos >= size) {
                return false;
            }
            buf.clear();
            ch.position(pos);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            buf.flip();
            bufStart = pos;
            return buf.limit() > 0;
        }

        @Override
        byte[] peekBuffered(int n) {
            long inBuf = pos - bufStart;
            if (inBuf < 0 || inBuf + n > buf.limit()) {
                return null;
            }
            byte[] out = new byte[n];
            buf.get((int) inBuf, out, 0, n);
            return out;
        }

        @Override
        SeekableByteChannel window(long length) {
            return new JarCoordinates.Window(ch, pos, Math.min(length, size - pos));
        }

        @Override
        void skip(long n) throws IOException {
            if (n < 0 || pos + n > size) {
                pos = size;
                throw new EOFException("the tar ends inside an entry");
            }
            pos += n;
        }
    }

    /** Reads everything once. */
    private static final class Streamed extends TarInput {
        private final InputStream in;
        private final byte[] scratch = new byte[64 * 1024];
        private long pos;

        Streamed(InputStream in) {
            this.in = in;
        }

        @Override
        long position() {
            return pos;
        }

        @Override
        int readFully(byte[] b, int off, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int r = in.read(b, off + done, len - done);
                if (r < 0) {
                    break;
                }
                done += r;
            }
            pos += done;
            return done;
        }

        @Override
        void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (r < 0) {
                    pos += n - left;
                    throw new EOFException("the tar ends inside an entry");
                }
                left -= r;
            }
            pos += n;
        }
    }
}
