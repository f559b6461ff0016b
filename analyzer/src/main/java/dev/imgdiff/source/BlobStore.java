package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/** Named blobs: the members of an archive or the files of a folder. Names use '/' separators. */
interface BlobStore extends Closeable {

    /** The blob stored under {@code name}, following archive symlinks. */
    Optional<BlobSource> find(String name) throws IOException;

    /** A manifest or image index by digest: for files and folders, the blob of that digest. */
    default Optional<BlobSource> findManifest(String digest) throws IOException {
        try {
            return find(ManifestResolver.blobName(digest));
        } catch (dev.imgdiff.model.ImageException e) {
            return Optional.empty();
        }
    }

    /** Whether random access (and so parallel scanning) is possible. */
    boolean seekable();

    @Override
    default void close() throws IOException {
    }
}
