package dev.imgdiff.source;

import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import dev.imgdiff.registry.RegistryBlobs;
import dev.imgdiff.registry.RegistryClient;
import dev.imgdiff.registry.RegistryReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an image from the Docker daemon or a registry to a tar file that later runs read without
 * either: the daemon's own {@code docker save} stream, or for a registry an oci-archive of the blobs as
 * the registry serves them (digests checked as they are written). The file appears only when complete.
 */
public final class ImageSaver {
    private ImageSaver() {
    }

    /** What was written. */
    public record Saved(Path file, String source, long bytes) {
    }

    public static Saved save(ImageReference ref, ReadOptions options, Path out) throws ImageException {
        Path tmp = null;
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".imgdiff-save-", ".tmp");
            String source = write(ref, options, tmp);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Saved(out, source, Files.size(out));
        } catch (ImageException e) {
            throw e.inImage(ref.original());
        } catch (RegistryBlobStore.RegistryFailure e) {
            throw e.imageException().inImage(ref.original());
        } catch (IOException e) {
            throw new ImageException(Kind.IO, "cannot write " + out + ": " + e.getMessage(), ref.original(), null, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }

    private static String write(ImageReference ref, ReadOptions options, Path tmp) throws ImageException, IOException {
        switch (ref.transport()) {
            case DOCKER_DAEMON:
                return fromDaemon(ref.location(), options, tmp, true);
            case REGISTRY:
                return fromRegistry(RegistryReference.parse(ref.location()), options, tmp);
            case PATH:
                if (!Files.exists(Path.of(ref.location())) && ImageNames.couldBeImageName(ref.location())) {
                    String daemonSaid;
                    try {
                        String s = fromDaemon(ref.location(), options, tmp, false);
                        if (s != null) {
                            return s;
                        }
                        daemonSaid = "the Docker daemon has no such image";
                    } catch (ImageException e) {
                        daemonSaid = e.getMessage();
                    }
                    try {
                        return fromRegistry(RegistryReference.parse(ref.location()), options, tmp);
                    } catch (ImageException e) {
                        throw new ImageException(Kind.NOT_FOUND, "not found; tried: " + daemonSaid + "; the registry: " + e.getMessage(), e);
                    }
                }
                throw new ImageException(Kind.BAD_REFERENCE, "already a file or folder: read it directly");
            default:
                throw new ImageException(Kind.BAD_REFERENCE, "save reads images from the Docker daemon or a registry");
        }
    }

    /** Copies the daemon's save stream; returns null when the daemon lacks the image and {@code must} is false. */
    private static String fromDaemon(String name, ReadOptions options, Path tmp, boolean must)
            throws ImageException, IOException {
        try (DockerDaemon daemon = DockerDaemon.connect(options.dockerHost())) {
            if (!must && !daemon.has(name)) {
                return null;
            }
            try (InputStream in = daemon.save(name)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return "docker-daemon (" + daemon.endpoint() + ")";
        }
    }

    private static String fromRegistry(RegistryReference r, ReadOptions options, Path tmp) throws ImageException, IOException {
        boolean plain = r.isLocal() || options.insecureRegistries().contains(r.host());
        RegistryBlobs blobs = new RegistryBlobs(new RegistryClient(r, plain, options.credentials(), options.timeout()));
        RegistryBlobStore store = new RegistryBlobStore(blobs);
        ManifestResolver.Resolved resolved = new ManifestResolver(store, r.toString())
                .resolveOci(null, options.platform(), "registry (" + r.host() + ")");
        String manifestDigest = resolved.info().manifestDigest();
        byte[] manifest;
        try (InputStream in = store.findManifest(manifestDigest).orElseThrow().openStream()) {
            manifest = in.readAllBytes();
        }
        try (OutputStream os = Files.newOutputStream(tmp);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            directory(tar, "blobs/");
            directory(tar, "blobs/sha256/");
            bytes(tar, ManifestResolver.blobName(manifestDigest), manifest);
            Set<String> written = new LinkedHashSet<>();
            String configDigest = resolved.info().configDigest();
            copyBlob(tar, blobs, configDigest, -1, written);
            for (LayerRef l : resolved.layers()) {
                copyBlob(tar, blobs, l.digest(), l.blobSize(), written);
            }
            String tag = r.tag() == null ? "latest" : r.tag();
            String mediaType = dev.imgdiff.model.MediaTypes.OCI_MANIFEST;
            String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + mediaTypeOf(manifest, mediaType)
                    + "\",\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length
                    + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + jsonEscape(tag)
                    + "\",\"io.containerd.image.name\":\"" + jsonEscape(r.toString()) + "\"}}]}";
            bytes(tar, "index.json", index.getBytes(StandardCharsets.UTF_8));
            bytes(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            tar.finish();
        }
        return "registry (" + r.host() + ")";
    }

    private static String mediaTypeOf(byte[] manifest, String fallback) {
        String s = new String(manifest, StandardCharsets.UTF_8);
        int i = s.indexOf("\"mediaType\"");
        if (i < 0) {
            return fallback;
        }
        int q1 = s.indexOf('"', s.indexOf(':', i) + 1);
        int q2 = s.indexOf('"', q1 + 1);
        return q1 > 0 && q2 > q1 ? s.substring(q1 + 1, q2) : fallback;
    }

    private static void copyBlob(TarArchiveOutputStream tar, RegistryBlobs blobs, String digest, long size,
                                 Set<String> written) throws IOException, ImageException {
        if (!written.add(digest)) {
            return;
        }
        String name = ManifestResolver.blobName(digest);
        if (size < 0) {
            byte[] data;
            try (InputStream in = blobs.blob(digest).openStream()) {
                data = in.readNBytes(Json.MAX_DOCUMENT + 1);
            }
            check(digest, sha256(data));
            bytes(tar, name, data);
            return;
        }
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        tar.putArchiveEntry(e);
        MessageDigest md = newSha256();
        long copied;
        try (InputStream in = new DigestInputStream(blobs.blob(digest).openStream(), md)) {
            copied = in.transferTo(new BoundedOutput(tar, size));
        }
        if (copied != size) {
            throw new ImageException(Kind.SIZE_MISMATCH, "blob " + digest + " is " + copied + " bytes, but the manifest says " + size);
        }
        check(digest, HexFormat.of().formatHex(md.digest()));
        tar.closeArchiveEntry();
    }

    private static void check(String digest, String actualHex) throws ImageException {
        if (!digest.equals("sha256:" + actualHex)) {
            throw new ImageException(Kind.DIGEST_MISMATCH, "digest mismatch: the registry sent blob " + digest + " hashing to sha256:" + actualHex);
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] data) {
        return HexFormat.of().formatHex(newSha256().digest(data));
    }

    /** Refuses to write more than the tar entry declared. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("the blob is longer than its manifest says");
            }
            out.write(b, off, len);
            left -= len;
        }
    }
}
