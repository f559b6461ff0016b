package dev.imgdiff.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Counts (and optionally hashes) the bytes that pass, and tags every I/O failure with the stage it came
 * from, so that a scan can tell "corrupt gzip" from "broken tar header" from "the file ended early".
 */
final class MeteredInputStream extends FilterInputStream {
    private final String stage;
    private final MessageDigest digest;
    private long count;

    MeteredInputStream(InputStream in, String stage, boolean sha256) {
        super(in);
        this.stage = stage;
        try {
            this.digest = sha256 ? MessageDigest.getInstance("SHA-256") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An I/O failure in one stage of the pipeline. */
    static final class StageException extends IOException {
        private final String stage;

        StageException(String stage, IOException cause) {
            super(cause.getMessage(), cause);
            this.stage = stage;
        }

        String stage() {
            return stage;
        }
    }

    long count() {
        return count;
    }

    /** The hex sha256 of everything read so far, or null when not hashing. */
    String sha256Hex() {
        return digest == null ? null : java.util.HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (StageException e) {
            throw e;
        } catch (IOException e) {
            throw new StageException(stage, e);
        }
        if (b >= 0) {
            count++;
            if (digest != null) {
                digest.update((byte) b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (StageException e) {
            throw e;
        } catch (IOException e) {
            throw new StageException(stage, e);
        }
        if (n > 0) {
            count += n;
            if (digest != null) {
                digest.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Reading keeps the count and the digest right.
        byte[] buf = new byte[(int) Math.min(n, 8192)];
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

    /** Reads to the end, returning how many bytes that was. */
    long drain() throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int r;
        while ((r = read(buf, 0, buf.length)) >= 0) {
            total += r;
        }
        return total;
    }
}
