package dev.imgdiff.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only window [offset, offset+length) of a shared file channel. Reads are positional, so any
 * number of windows can be read from different threads at once. Closing a window leaves the file open.
 */
final class RegionChannel implements SeekableByteChannel {
    private final FileChannel file;
    private final long offset;
    private final long length;
    private long position;
    private boolean open = true;

    RegionChannel(FileChannel file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        long remaining = length - position;
        if (remaining <= 0) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), remaining);
        if (want == 0) {
            return 0;
        }
        ByteBuffer slice = dst.duplicate();
        slice.limit(slice.position() + want);
        int n = file.read(slice, offset + position);
        if (n < 0) {
            return -1;
        }
        dst.position(dst.position() + n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
