package dev.imgdiff.source;

import dev.imgdiff.layer.Compression;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import dev.imgdiff.registry.RegistryBlobs;
import dev.imgdiff.registry.RegistryClient;
import dev.imgdiff.registry.RegistryReference;

/** Opens an image reference and scans it: the one entry point from a reference to scanned layers. */
public final class ImageSources {
    private ImageSources() {
    }

    /**
     * Reads and scans the image a reference names.
     *
     * @param stdin what {@code -} reads
     * @throws ImageException for anything wrong with the image or its source, naming the image
     */
    public static ScannedImage read(ImageReference ref, ReadOptions options, InputStream stdin) throws ImageException {
        return read(ref, options, stdin, LayerSink.none());
    }

    /**
     * Reads and scans an image, handing each layer's full scan to {@code sink} in layer order; the result
     * keeps only the scans' summaries.
     */
    public static ScannedImage read(ImageReference ref, ReadOptions options, InputStream stdin, LayerSink sink)
            throws ImageException {
        try {
            return dispatch(ref, options, stdin, sink);
        } catch (ImageException e) {
            throw e.inImage(ref.original());
        } catch (RegistryBlobStore.RegistryFailure e) {
            throw e.imageException().inImage(ref.original());
        } catch (NoSuchFileException e) {
            throw new ImageException(Kind.NOT_FOUND, "no such file or folder: " + e.getFile(), ref.original(), null, e);
        } catch (AccessDeniedException e) {
            throw new ImageException(Kind.IO, "permission denied: " + e.getFile(), ref.original(), null, e);
        } catch (IOException e) {
            throw new ImageException(Kind.IO, "I/O error: " + e.getMessage(), ref.original(), null, e);
        }
    }

    private static ScannedImage dispatch(ImageReference ref, ReadOptions options, InputStream stdin, LayerSink sink)
            throws ImageException, IOException {
        switch (ref.transport()) {
            case STDIN:
                return StreamImageReader.read(stdin, ref, options, sink);
            case DOCKER_DAEMON:
                try (DockerDaemon daemon = DockerDaemon.connect(options.dockerHost())) {
                    return fromDaemon(daemon, ref.location(), ref, options, sink);
                }
            case REGISTRY:
                return fromRegistry(registryReference(ref.location()), ref, options, sink);
            default:
                break;
        }
        Path path = Path.of(ref.location());
        if (!Files.exists(path)) {
            if (ref.transport() != ImageReference.Transport.PATH || !ImageNames.couldBeImageName(ref.location())) {
                throw new ImageException(Kind.NOT_FOUND, "no such file or folder");
            }
            return fromDaemonOrElse(ref, options, sink);
        }
        if (Files.isDirectory(path)) {
            return readDirectory(path, ref, options, sink);
        }
        if (ref.transport() == ImageReference.Transport.OCI_DIR) {
            throw new ImageException(Kind.BAD_REFERENCE, "oci: needs a folder (an OCI image layout); " + ref.location() + " is a file");
        }
        return readFile(path, ref, options, sink);
    }

    /** A bare name that is no file: the daemon if it answers and has the image, else say what was tried. */
    private static ScannedImage fromDaemonOrElse(ImageReference ref, ReadOptions options, LayerSink sink)
            throws ImageException, IOException {
        String daemonSaid;
        try (DockerDaemon daemon = DockerDaemon.connect(options.dockerHost())) {
            if (daemon.has(ref.location())) {
                return fromDaemon(daemon, ref.location(), ref, options, sink);
            }
            List<String> close = daemon.closeNames(ref.location());
            daemonSaid = "the Docker daemon at " + daemon.endpoint() + " has no such image"
                    + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)");
        } catch (ImageException e) {
            daemonSaid = e.getMessage();
        }
        RegistryReference registry = registryReference(ref.location());
        try {
            return fromRegistry(registry, ref, options, sink);
        } catch (ImageException e) {
            throw new ImageException(Kind.NOT_FOUND, "not found; tried: a file or folder of that name (none); " + daemonSaid
                    + "; the registry: " + e.getMessage(), e);
        }
    }

    private static RegistryReference registryReference(String s) throws ImageException {
        try {
            return RegistryReference.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ImageException(Kind.BAD_REFERENCE, e.getMessage(), e);
        }
    }

    private static ScannedImage fromRegistry(RegistryReference r, ImageReference ref, ReadOptions options, LayerSink sink)
            throws ImageException, IOException {
        boolean plain = r.isLocal() || options.insecureRegistries().contains(r.host());
        RegistryClient client = new RegistryClient(r, plain, options.credentials(), options.timeout());
        RegistryBlobStore store = new RegistryBlobStore(new RegistryBlobs(client));
        try {
            ManifestResolver resolver = new ManifestResolver(store, ref.original());
            ManifestResolver.Resolved resolved = resolver.resolveOci(null, options.platform(), "registry (" + r.host() + ")");
            return StoreImageReader.read(store, resolved, options, sink);
        } catch (RegistryBlobStore.RegistryFailure e) {
            throw e.imageException();
        }
    }

    private static ScannedImage fromDaemon(DockerDaemon daemon, String name, ImageReference ref, ReadOptions options,
                                           LayerSink sink) throws ImageException, IOException {
        try (InputStream in = daemon.save(name)) {
            ScannedImage s = StreamImageReader.read(in, new ImageReference(ref.transport(), name, null, ref.original()),
                    options, sink);
            ImageInfo i = s.info();
            return new ScannedImage(new ImageInfo(i.reference(), "docker-daemon (" + daemon.endpoint() + ")",
                    i.repoTag() != null ? i.repoTag() : name, i.manifestDigest(), i.configDigest(), i.platform()),
                    s.config(), s.layers(), s.warnings());
        }
    }

    private static ScannedImage readDirectory(Path dir, ImageReference ref, ReadOptions options, LayerSink sink)
            throws ImageException, IOException {
        if (ref.transport() == ImageReference.Transport.DOCKER_ARCHIVE
                || ref.transport() == ImageReference.Transport.OCI_ARCHIVE) {
            throw new ImageException(Kind.BAD_REFERENCE, ref.location() + " is a folder; " + (ref.transport() == ImageReference.Transport.OCI_ARCHIVE
                    ? "oci-archive: needs a tar file (use oci: for a folder)" : "docker-archive: needs a tar file"));
        }
        BlobStore store = new DirBlobStore(dir);
        ManifestResolver resolver = new ManifestResolver(store, ref.original());
        ManifestResolver.Resolved resolved;
        if (ref.transport() != ImageReference.Transport.OCI_DIR && resolver.has(ManifestResolver.DOCKER_MANIFEST)) {
            resolved = resolver.resolveDocker(ref.selector(), options.platform(), false);
        } else if (resolver.has(ManifestResolver.OCI_INDEX)) {
            resolved = resolver.resolveOci(ref.selector(), options.platform(), "oci");
        } else {
            throw new ImageException(Kind.NOT_AN_IMAGE, "not an image: the folder has neither index.json (an OCI layout) nor manifest.json (an unpacked docker save)");
        }
        return StoreImageReader.read(store, resolved, options, sink);
    }

    private static ScannedImage readFile(Path file, ImageReference ref, ReadOptions options, LayerSink sink)
            throws ImageException, IOException {
        if (Files.size(file) == 0) {
            throw new ImageException(Kind.NOT_AN_IMAGE, "empty file: not an image archive");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(Compression.SNIFF_LENGTH);
        }
        Compression c = Compression.sniff(head, head.length);
        if (c == Compression.GZIP || c == Compression.ZSTD) {
            // A compressed docker save (docker save | gzip): one pass through the decompressor.
            try (InputStream in = Files.newInputStream(file)) {
                return StreamImageReader.read(in, ref, options, sink);
            }
        }
        if (c != Compression.NONE) {
            throw new ImageException(Kind.NOT_AN_IMAGE, "not an image archive: the file is not a tar archive");
        }
        try (TarBlobStore store = TarBlobStore.open(file)) {
            ManifestResolver resolver = new ManifestResolver(store, ref.original());
            ManifestResolver.Resolved resolved;
            boolean preferOci = ref.transport() == ImageReference.Transport.OCI_ARCHIVE;
            if (!preferOci && resolver.has(ManifestResolver.DOCKER_MANIFEST)) {
                resolved = resolver.resolveDocker(ref.selector(), options.platform(), resolver.has(ManifestResolver.OCI_INDEX));
            } else if (resolver.has(ManifestResolver.OCI_INDEX)) {
                resolved = resolver.resolveOci(ref.selector(), options.platform(),
                        resolver.has(ManifestResolver.DOCKER_MANIFEST) ? "docker-archive (OCI layout)" : "oci-archive");
            } else if (store.truncatedMember() != null) {
                throw new ImageException(Kind.TRUNCATED, "truncated archive: the file ends inside " + store.truncatedMember());
            } else {
                throw new ImageException(Kind.NOT_AN_IMAGE, "not an image archive: the tar has neither manifest.json (docker save) nor index.json (OCI)");
            }
            return StoreImageReader.read(store, resolved, options, sink);
        }
    }
}
