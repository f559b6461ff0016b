package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.registry.RegistryBlobs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/** A registry repository as a blob store, so the same manifest resolution serves files and registries. */
final class RegistryBlobStore implements BlobStore {
    private final RegistryBlobs blobs;
    private byte[] index;

    RegistryBlobStore(RegistryBlobs blobs) {
        this.blobs = blobs;
    }

    @Override
    public Optional<BlobSource> find(String name) throws IOException {
        if (name.equals(ManifestResolver.OCI_INDEX)) {
            if (index == null) {
                try {
                    index = blobs.index();
                } catch (ImageException e) {
                    throw new RegistryFailure(e);
                }
            }
            byte[] doc = index;
            return Optional.of(BlobSource.streamed(doc.length, () -> new ByteArrayInputStream(doc)));
        }
        String digest = ManifestResolver.digestFromBlobName(name);
        return digest == null ? Optional.empty() : Optional.of(blobs.blob(digest));
    }

    @Override
    public Optional<BlobSource> findManifest(String digest) throws IOException {
        try {
            return blobs.manifest(digest);
        } catch (ImageException e) {
            throw new RegistryFailure(e);
        }
    }

    @Override
    public boolean seekable() {
        return false;
    }

    /** Carries an ImageException through the IOException-only store interface. */
    static final class RegistryFailure extends IOException {
        RegistryFailure(ImageException cause) {
            super(cause.getMessage(), cause);
        }

        ImageException imageException() {
            return (ImageException) getCause();
        }
    }
}
