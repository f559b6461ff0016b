package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The files of a folder (an OCI layout, or an unpacked docker save). Names never leave the folder. */
final class DirBlobStore implements BlobStore {
    private final Path root;

    DirBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<BlobSource> find(String name) throws IOException {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        long size = Files.size(p);
        return Optional.of(new BlobSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public SeekableByteChannel openChannel() throws IOException {
                return FileChannel.open(p, StandardOpenOption.READ);
            }

            @Override
            public InputStream openStream() throws IOException {
                return new BufferedInputStream(Files.newInputStream(p), 1 << 16);
            }
        });
    }

    @Override
    public boolean seekable() {
        return true;
    }
}
