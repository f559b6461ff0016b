package dev.imgdiff.registry;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.model.Digest;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry repository seen as an OCI layout: {@code index.json} names the manifest the reference
 * points to, manifests come from the manifests endpoint, everything else from the blobs endpoint. Blobs
 * stream as they download, one request per read; their digests are checked by whoever reads them.
 */
public final class RegistryBlobs {
    static final String ACCEPT_MANIFESTS = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private final RegistryClient client;
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();

    public RegistryBlobs(RegistryClient client) {
        this.client = client;
    }

    public RegistryClient client() {
        return client;
    }

    /** The top-level index that names the manifest (or image index) the reference points to. */
    public byte[] index() throws ImageException {
        RegistryReference ref = client.reference();
        RegistryClient.Response r = client.get("manifests", ref.reference(), ACCEPT_MANIFESTS);
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(16 << 20);
        } catch (IOException e) {
            throw new ImageException(Kind.IO, "reading the manifest of " + ref + " failed: " + e.getMessage(), e);
        }
        String digest = "sha256:" + sha256(body);
        if (ref.digest() != null && !ref.digest().equals(digest)) {
            throw new ImageException(Kind.DIGEST_MISMATCH, "digest mismatch: the registry sent a manifest hashing to " + digest
                    + ", not " + ref.digest());
        }
        manifests.put(digest, body);
        String mediaType = r.contentType() == null ? "" : r.contentType().split(";")[0].strip();
        String tag = ref.tag() == null ? "" : ref.tag();
        String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":" + quote(mediaType) + ",\"digest\":"
                + quote(digest) + ",\"size\":" + body.length + ",\"annotations\":{"
                + "\"org.opencontainers.image.ref.name\":" + quote(tag) + ","
                + "\"io.containerd.image.name\":" + quote(ref.toString()) + "}}]}";
        return index.getBytes(StandardCharsets.UTF_8);
    }

    /** A manifest by digest. */
    public Optional<BlobSource> manifest(String digest) throws ImageException {
        byte[] known = manifests.get(digest);
        if (known == null) {
            RegistryClient.Response r = client.get("manifests", Digest.parse(digest).toString(), ACCEPT_MANIFESTS);
            try (InputStream in = r.body()) {
                known = in.readNBytes(16 << 20);
            } catch (IOException e) {
                throw new ImageException(Kind.IO, "reading manifest " + digest + " failed: " + e.getMessage(), e);
            }
            manifests.put(digest, known);
        }
        byte[] doc = known;
        return Optional.of(BlobSource.streamed(doc.length, () -> new ByteArrayInputStream(doc)));
    }

    /** A blob by digest; its size is unknown until it downloads (-1). */
    public BlobSource blob(String digest) {
        return BlobSource.streamed(-1, () -> {
            try {
                return client.get("blobs", digest, null).body();
            } catch (ImageException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
