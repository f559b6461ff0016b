package dev.imgdiff.model;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A blob's bytes checked against its descriptor as they pass: never more than the declared size (the
 * first byte past it is an error, so an endless stream stops there), never fewer (the end of the input
 * before the declared size is a truncation), and at the end the digest must match. Failures are
 * {@link Failure}s, I/O exceptions that carry a typed {@link ImageException}.
 */
public final class VerifiedInputStream extends FilterInputStream {
    private final long expectedSize;
    private final Digest expected;
    private final MessageDigest hasher;
    private final String what;
    private long count;
    private boolean ended;

    /**
     * @param expectedSize the declared size, or -1 when none is declared
     * @param expected     the digest to check at the end (a verifiable one), or null
     * @param what         how messages name the blob ("blob sha256:ab12…", "the manifest")
     */
    public VerifiedInputStream(InputStream in, long expectedSize, Digest expected, String what) {
        super(in);
        this.expectedSize = expectedSize;
        this.expected = expected;
        this.hasher = expected == null ? null : expected.hasher();
        this.what = what;
    }

    /** A failed check, carried through the InputStream API. */
    public static final class Failure extends IOException {
        private final transient ImageException error;

        Failure(ImageException error) {
            super(error.getMessage(), error);
            this.error = error;
        }

        public ImageException imageException() {
            return error;
        }
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        int want = len;
        if (expectedSize >= 0) {
            long left = expectedSize - count;
            if (left <= 0) {
                // One byte more than declared is already an error: ask for exactly one.
                int extra = in.read();
                if (extra >= 0) {
                    throw new Failure(new ImageException(ImageException.Kind.SIZE_MISMATCH,
                            what + " is longer than the " + expectedSize + " bytes its descriptor declares"));
                }
                finish();
                return -1;
            }
            want = (int) Math.min(len, left);
        }
        int n = in.read(b, off, want);
        if (n < 0) {
            finish();
            return -1;
        }
        count += n;
        if (hasher != null) {
            hasher.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are read: the count and the digest need them.
        byte[] buf = new byte[(int) Math.max(1, Math.min(n, 8192))];
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
    public int available() throws IOException {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads to the end, so that the size and the digest are checked. */
    public void verifyToEnd() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // drain
        }
    }

    private void finish() throws Failure {
        ended = true;
        if (expectedSize >= 0 && count < expectedSize) {
            throw new Failure(new ImageException(ImageException.Kind.TRUNCATED,
                    what + " ended after " + count + " of the " + expectedSize + " bytes its descriptor declares"));
        }
        if (hasher != null) {
            Digest actual = expected.withHash(hasher.digest());
            if (!actual.equals(expected)) {
                throw new Failure(new ImageException(ImageException.Kind.DIGEST_MISMATCH,
                        "digest mismatch: " + what + " hashes to " + actual + ", not " + expected));
            }
        }
    }
}
