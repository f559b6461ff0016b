package dev.imgdiff.source;

import dev.imgdiff.layer.ReadOnlyChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only window [offset, offset+length) of a shared file channel. Reads are positional, so any
 * number of windows can be read from different threads at once. Closing a window leaves the file open.
 */
final class RegionChannel extends ReadOnlyChannel {
    private final FileChannel file;
    private final long offset;

    RegionChannel(FileChannel file, long offset, long length) {
        super(length);
        this.file = file;
        this.offset = offset;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        long remaining = size - pos;
        if (remaining <= 0) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), remaining);
        if (want == 0) {
            return 0;
        }
        ByteBuffer slice = dst.duplicate();
        slice.limit(slice.position() + want);
        int n = file.read(slice, offset + pos);
        if (n < 0) {
            return -1;
        }
        dst.position(dst.position() + n);
        pos += n;
        return n;
    }
}
