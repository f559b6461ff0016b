package dev.imgdiff.layer;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only window of {@code size} bytes of something larger: the position, size, closing and the
 * refusal to write that every window shares; subclasses read.
 */
public abstract class ReadOnlyChannel implements SeekableByteChannel {
    /** The window's length. */
    protected final long size;
    /** Where the next read starts, from the window's first byte. */
    protected long pos;
    private boolean open = true;

    protected ReadOnlyChannel(long size) {
        this.size = size;
    }

    /** Throws when the window was closed. */
    protected final void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public final int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public final long position() {
        return pos;
    }

    @Override
    public final SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        pos = newPosition;
        return this;
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final SeekableByteChannel truncate(long s) {
        throw new NonWritableChannelException();
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    /** Closes the window only: what it looks into stays open. */
    @Override
    public void close() {
        open = false;
    }
}
