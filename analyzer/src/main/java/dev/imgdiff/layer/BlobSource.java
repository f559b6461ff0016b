package dev.imgdiff.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/** Access to the bytes of one blob. Each call opens a fresh view; callers close what they open. */
public interface BlobSource {

    /** The blob's length in bytes, or -1 when unknown (a stream). */
    long size();

    /** A seekable view, or null when the source is a stream. */
    SeekableByteChannel openChannel() throws IOException;

    /** The bytes from the start. */
    InputStream openStream() throws IOException;

    /** A source whose bytes come from {@code opener}, one fresh stream per call, and cannot be sought. */
    static BlobSource streamed(long size, StreamOpener opener) {
        return new BlobSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public SeekableByteChannel openChannel() {
                return null;
            }

            @Override
            public InputStream openStream() throws IOException {
                return opener.open();
            }
        };
    }

    /** Opens a stream. */
    @FunctionalInterface
    interface StreamOpener {
        InputStream open() throws IOException;
    }

    /** A source over one stream that can be read once (the next entry of a docker save stream). */
    static BlobSource ofStream(InputStream in, long size) {
        boolean[] used = {false};
        return streamed(size, () -> {
            if (used[0]) {
                throw new IOException("stream already read");
            }
            used[0] = true;
            return in;
        });
    }
}
