package dev.imgdiff.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.model.Digest;
import dev.imgdiff.model.HistoryEntry;
import dev.imgdiff.model.ImageConfig;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import dev.imgdiff.model.MediaTypes;
import dev.imgdiff.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds one image in a store: through {@code manifest.json} (what {@code docker save} writes, in both its
 * legacy and its OCI shape) or through {@code index.json} (an OCI image layout), choosing by tag and
 * platform. Reads only the small JSON documents; layers are left to the scanner.
 */
final class ManifestResolver {
    static final String DOCKER_MANIFEST = "manifest.json";
    static final String OCI_INDEX = "index.json";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final String CONTAINERD_NAME = "io.containerd.image.name";

    /** The image found: its identity, config and layers. */
    record Resolved(ImageInfo info, ImageConfig config, List<LayerRef> layers) {
    }

    private final BlobStore store;
    private final String reference;

    ManifestResolver(BlobStore store, String reference) {
        this.store = store;
        this.reference = reference;
    }

    /** Whether the store holds a member of that name. */
    boolean has(String name) throws IOException {
        return store.find(name).isPresent();
    }

    /**
     * @param platform the platform asked for, or null when any will do (a docker save holds one per image)
     */
    Resolved resolveDocker(String selector, Platform platform, boolean ociShaped) throws ImageException, IOException {
        JsonNode root = Json.parse(read(DOCKER_MANIFEST, null), DOCKER_MANIFEST);
        if (!root.isArray() || root.isEmpty()) {
            throw new ImageException(Kind.MALFORMED, "malformed manifest.json: expected a non-empty list of images");
        }
        JsonNode chosen = chooseDockerEntry(root, selector);
        String configName = Json.text(chosen, "Config");
        List<String> layerNames = Json.strings(chosen, "Layers");
        if (configName == null || layerNames == null) {
            throw new ImageException(Kind.MALFORMED, "malformed manifest.json: an image entry lacks Config or Layers");
        }
        String configDigest = digestFromBlobName(configName);
        ImageConfig config = readConfig(configName, configDigest);
        List<String> tags = Json.strings(chosen, "RepoTags");
        String repoTag = selectorTag(tags, selector);
        List<LayerRef> layers = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            String name = layerNames.get(i);
            String digest = digestFromBlobName(name);
            String diffId = i < config.diffIds().size() ? config.diffIds().get(i).toString() : null;
            long size = blobSize(name, digest != null ? digest : name, i, layerNames.size());
            layers.add(new LayerRef(i, name, digest, diffId, null, size));
        }
        checkLayerCount(config, layers.size());
        String format = ociShaped || layerNames.stream().allMatch(n -> n.startsWith("blobs/"))
                ? "docker-archive (OCI layout)" : "docker-archive";
        if (platform != null && config.platform() != null && !platform.accepts(config.platform())) {
            throw new ImageException(Kind.NOT_FOUND, "the image is " + config.platform() + ", not " + platform);
        }
        return new Resolved(new ImageInfo(reference, format, repoTag, null,
                configDigest != null ? configDigest : config.digest() == null ? null : config.digest().toString(),
                config.platform()), config, layers);
    }

    private JsonNode chooseDockerEntry(JsonNode root, String selector) throws ImageException {
        if (selector == null) {
            if (root.size() == 1) {
                return root.get(0);
            }
            throw new ImageException(Kind.AMBIGUOUS, "the archive holds " + root.size() + " images (" + describeTags(root)
                    + "); name one: docker-archive:PATH:NAME:TAG or docker-archive:PATH:@INDEX");
        }
        if (selector.startsWith("@")) {
            try {
                int i = Integer.parseInt(selector.substring(1));
                if (i >= 0 && i < root.size()) {
                    return root.get(i);
                }
            } catch (NumberFormatException e) {
                // fall through to the error
            }
            throw new ImageException(Kind.NOT_FOUND, "no image " + selector + " in the archive: it holds " + root.size()
                    + " (@0 to @" + (root.size() - 1) + ")");
        }
        for (JsonNode entry : root) {
            List<String> tags = Json.strings(entry, "RepoTags");
            if (tags != null && tags.stream().anyMatch(t -> tagMatches(t, selector))) {
                return entry;
            }
        }
        throw new ImageException(Kind.NOT_FOUND, "no image tagged '" + selector + "' in the archive; it holds: " + describeTags(root));
    }

    private static String describeTags(JsonNode root) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : root) {
            List<String> tags = Json.strings(entry, "RepoTags");
            out.add(tags == null || tags.isEmpty() ? "@" + i : String.join(", ", tags));
            i++;
        }
        return String.join("; ", out);
    }

    static boolean tagMatches(String tag, String selector) {
        if (tag.equals(selector)) {
            return true;
        }
        String withLatest = selector.contains(":") && selector.lastIndexOf(':') > selector.lastIndexOf('/')
                ? selector : selector + ":latest";
        return strip(tag).equals(strip(withLatest));
    }

    private static String strip(String tag) {
        for (String p : new String[]{"docker.io/library/", "docker.io/", "index.docker.io/library/"}) {
            if (tag.startsWith(p)) {
                return tag.substring(p.length());
            }
        }
        return tag;
    }

    private static String selectorTag(List<String> tags, String selector) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        if (selector != null && !selector.startsWith("@")) {
            for (String t : tags) {
                if (tagMatches(t, selector)) {
                    return t;
                }
            }
        }
        return tags.get(0);
    }

    /**
     * @param platform the platform asked for, or null for the host's
     */
    Resolved resolveOci(String selector, Platform asked, String format) throws ImageException, IOException {
        Platform platform = asked != null ? asked : Platform.host();
        JsonNode index = Json.parse(read(OCI_INDEX, null), OCI_INDEX);
        JsonNode manifests = index.get("manifests");
        if (manifests == null || !manifests.isArray() || manifests.isEmpty()) {
            throw new ImageException(Kind.MALFORMED, "malformed index.json: it lists no manifests");
        }
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode m : manifests) {
            if (selector == null || ociNameMatches(m, selector)) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            throw new ImageException(Kind.NOT_FOUND, "no image named '" + selector + "' in index.json; it has: " + describeOciNames(manifests));
        }
        String repoTag = null;
        JsonNode chosen;
        if (candidates.size() == 1) {
            chosen = candidates.get(0);
        } else if (candidates.stream().allMatch(m -> m.has("platform"))) {
            chosen = choosePlatform(candidates, platform);
        } else {
            List<String> names = candidates.stream().map(ManifestResolver::ociName).distinct().toList();
            if (names.size() > 1) {
                throw new ImageException(Kind.AMBIGUOUS, "index.json holds " + candidates.size() + " images (" + String.join(", ", names)
                        + "); name one: oci:DIR:TAG");
            }
            chosen = choosePlatform(candidates, platform);
        }
        repoTag = repoTagOf(chosen);
        for (int depth = 0; depth < 4; depth++) {
            String mediaType = Json.text(chosen, "mediaType");
            String digest = Json.text(chosen, "digest");
            if (digest == null) {
                throw new ImageException(Kind.MALFORMED, "malformed index.json: a manifest descriptor has no digest");
            }
            byte[] doc = readManifest(digest);
            JsonNode node = Json.parse(doc, "manifest " + digest);
            if (mediaType == null) {
                mediaType = Json.text(node, "mediaType");
            }
            if (MediaTypes.isIndex(mediaType) || (mediaType == null && node.has("manifests"))) {
                List<JsonNode> inner = new ArrayList<>();
                node.get("manifests").forEach(inner::add);
                if (inner.isEmpty()) {
                    throw new ImageException(Kind.MALFORMED, "image index " + digest + " lists no manifests");
                }
                chosen = inner.size() == 1 && !inner.get(0).has("platform") ? inner.get(0) : choosePlatform(inner, platform);
                continue;
            }
            return fromOciManifest(node, digest, repoTag, format);
        }
        throw new ImageException(Kind.MALFORMED, "image indexes nested too deeply");
    }

    private Resolved fromOciManifest(JsonNode manifest, String manifestDigest, String repoTag, String format)
            throws ImageException, IOException {
        JsonNode configDesc = manifest.get("config");
        JsonNode layersNode = manifest.get("layers");
        if (configDesc == null || layersNode == null || !layersNode.isArray()) {
            throw new ImageException(Kind.MALFORMED, "malformed manifest " + manifestDigest + ": no config or layers");
        }
        String configDigest = Json.text(configDesc, "digest");
        if (configDigest == null) {
            throw new ImageException(Kind.MALFORMED, "malformed manifest " + manifestDigest + ": the config has no digest");
        }
        ImageConfig config = readConfig(blobName(configDigest), configDigest);
        List<LayerRef> layers = new ArrayList<>();
        int total = layersNode.size();
        for (int i = 0; i < total; i++) {
            JsonNode l = layersNode.get(i);
            String digest = Json.text(l, "digest");
            if (digest == null) {
                throw new ImageException(Kind.MALFORMED, "malformed manifest " + manifestDigest + ": layer " + (i + 1) + " has no digest");
            }
            String name = blobName(digest);
            long size = blobSize(name, digest, i, total);
            long declared = l.path("size").asLong(-1);
            if (size < 0) {
                // A registry blob: its size is known from the manifest until the bytes arrive.
                size = declared;
            } else if (declared >= 0 && declared != size) {
                throw new ImageException(Kind.SIZE_MISMATCH, "layer " + (i + 1) + "/" + total + " (" + digest + ") is " + size
                        + " bytes, but the manifest says " + declared);
            }
            String diffId = i < config.diffIds().size() ? config.diffIds().get(i).toString() : null;
            layers.add(new LayerRef(i, name, digest, diffId, Json.text(l, "mediaType"), size));
        }
        checkLayerCount(config, layers.size());
        return new Resolved(new ImageInfo(reference, format, repoTag, manifestDigest, configDigest, config.platform()),
                config, layers);
    }

    private static void checkLayerCount(ImageConfig config, int layers) throws ImageException {
        if (!config.diffIds().isEmpty() && config.diffIds().size() != layers) {
            throw new ImageException(Kind.MALFORMED, "the config lists " + config.diffIds().size() + " layers (rootfs.diff_ids) but the manifest has "
                    + layers);
        }
    }

    private static boolean ociNameMatches(JsonNode m, String selector) {
        JsonNode a = m.get("annotations");
        if (a == null) {
            return false;
        }
        String ref = Json.text(a, REF_NAME);
        String full = Json.text(a, CONTAINERD_NAME);
        return selector.equals(ref) || (full != null && tagMatches(full, selector))
                || (ref != null && ref.contains(":") && tagMatches(ref, selector));
    }

    private static String ociName(JsonNode m) {
        JsonNode a = m.get("annotations");
        String ref = a == null ? null : Json.text(a, REF_NAME);
        String full = a == null ? null : Json.text(a, CONTAINERD_NAME);
        return full != null ? full : ref != null ? ref : Json.text(m, "digest");
    }

    private static String repoTagOf(JsonNode m) {
        JsonNode a = m.get("annotations");
        if (a == null) {
            return null;
        }
        String full = Json.text(a, CONTAINERD_NAME);
        return full != null ? full : Json.text(a, REF_NAME);
    }

    private static String describeOciNames(JsonNode manifests) {
        List<String> names = new ArrayList<>();
        manifests.forEach(m -> names.add(ociName(m)));
        return String.join(", ", names);
    }

    private static JsonNode choosePlatform(List<JsonNode> candidates, Platform wanted) throws ImageException {
        List<JsonNode> real = candidates.stream().filter(m -> !isAttestation(m)).toList();
        for (JsonNode m : real) {
            if (wanted.accepts(platformOf(m))) {
                return m;
            }
        }
        String have = real.stream().map(m -> platformOf(m).toString()).distinct().collect(Collectors.joining(", "));
        throw new ImageException(Kind.NOT_FOUND, "no image for " + wanted + " in this index; it has " + have
                + ". Pick one with --platform");
    }

    private static boolean isAttestation(JsonNode m) {
        JsonNode p = m.get("platform");
        return p != null && "unknown".equals(Json.text(p, "os"));
    }

    private static Platform platformOf(JsonNode m) {
        JsonNode p = m.get("platform");
        if (p == null) {
            return new Platform("unknown", "unknown", null);
        }
        return new Platform(Json.text(p, "os"), Json.text(p, "architecture"), Json.text(p, "variant"));
    }

    private ImageConfig readConfig(String name, String digest) throws ImageException, IOException {
        byte[] doc;
        try {
            doc = read(name, digest);
        } catch (ImageException e) {
            if (e.kind() == Kind.MISSING_BLOB) {
                throw new ImageException(Kind.MISSING_BLOB, "missing blob: the image config " + (digest != null ? digest : name)
                        + " is not in the image", e);
            }
            throw e;
        }
        JsonNode c = Json.parse(doc, "image config " + (digest != null ? digest : name));
        if (!c.isObject()) {
            throw new ImageException(Kind.MALFORMED, "malformed image config: not a JSON object");
        }
        JsonNode cfg = c.path("config");
        List<Digest> diffIds = new ArrayList<>();
        JsonNode ids = c.path("rootfs").path("diff_ids");
        if (ids.isArray()) {
            for (JsonNode id : ids) {
                try {
                    diffIds.add(Digest.parse(id.asText()));
                } catch (IllegalArgumentException e) {
                    throw new ImageException(Kind.MALFORMED, "malformed image config: rootfs.diff_ids: " + e.getMessage());
                }
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        JsonNode h = c.get("history");
        if (h != null && h.isArray()) {
            for (JsonNode e : h) {
                history.add(new HistoryEntry(Json.text(e, "created"), Json.text(e, "created_by"),
                        Json.text(e, "comment"), e.path("empty_layer").asBoolean(false)));
            }
        }
        Platform platform = new Platform(Json.text(c, "os"), Json.text(c, "architecture"), Json.text(c, "variant"));
        Digest d = null;
        if (digest != null) {
            try {
                d = Digest.parse(digest);
            } catch (IllegalArgumentException e) {
                d = null;
            }
        }
        return new ImageConfig(d, platform, Json.text(c, "created"),
                cfg.isObject() ? Json.strings(cfg, "Env") : null,
                cfg.isObject() ? Json.strings(cfg, "Cmd") : null,
                cfg.isObject() ? Json.strings(cfg, "Entrypoint") : null,
                cfg.isObject() ? Json.text(cfg, "WorkingDir") : null,
                cfg.isObject() ? Json.text(cfg, "User") : null,
                cfg.isObject() ? Json.stringMap(cfg, "Labels") : null,
                diffIds, history);
    }

    /** The size of a layer blob; a missing blob is an error naming the layer. */
    private long blobSize(String name, String id, int index, int total) throws ImageException, IOException {
        Optional<BlobSource> b;
        try {
            b = store.find(name);
        } catch (TarBlobStore.TruncatedMemberException e) {
            throw new ImageException(Kind.TRUNCATED, "truncated archive: the file ends inside this layer's blob", e)
                    .inLayer(new LayerRef(index, name, id, null, null, 0).describe(total));
        }
        if (b.isEmpty()) {
            throw new ImageException(Kind.MISSING_BLOB, "missing blob: the manifest names " + name + " but the image does not contain it")
                    .inLayer(new LayerRef(index, name, id.startsWith("sha256:") ? id : null, null, null, 0).describe(total));
        }
        return b.get().size();
    }

    /** Reads a manifest or index by digest, checking the digest. */
    private byte[] readManifest(String digest) throws ImageException, IOException {
        Optional<BlobSource> b = store.findManifest(digest);
        if (b.isEmpty()) {
            throw new ImageException(Kind.MISSING_BLOB, "missing blob: manifest " + digest + " is not in the image");
        }
        byte[] data;
        try (InputStream in = b.get().openStream()) {
            data = in.readNBytes(Json.MAX_DOCUMENT + 1);
        }
        if (data.length > Json.MAX_DOCUMENT) {
            throw new ImageException(Kind.TOO_LARGE, "manifest " + digest + " is too big");
        }
        verify(data, digest, "manifest " + digest);
        return data;
    }

    private static void verify(byte[] data, String digest, String what) throws ImageException {
        if (digest != null && digest.startsWith("sha256:")) {
            String actual = "sha256:" + sha256(data);
            if (!actual.equals(digest)) {
                throw new ImageException(Kind.DIGEST_MISMATCH, "digest mismatch: " + what + " hashes to " + actual + ", not " + digest);
            }
        }
    }

    /** Reads a small document, checking its digest when one is given. */
    byte[] read(String name, String digest) throws ImageException, IOException {
        Optional<BlobSource> b;
        try {
            b = store.find(name);
        } catch (TarBlobStore.TruncatedMemberException e) {
            throw new ImageException(Kind.TRUNCATED, "truncated archive: " + name + " runs past the end of the file", e);
        }
        if (b.isEmpty()) {
            throw new ImageException(Kind.MISSING_BLOB, "missing blob: " + (digest != null ? digest : name) + " is not in the image");
        }
        if (b.get().size() > Json.MAX_DOCUMENT) {
            throw new ImageException(Kind.TOO_LARGE, name + " is " + b.get().size() + " bytes, too big for a manifest or config");
        }
        byte[] data;
        try (InputStream in = b.get().openStream()) {
            data = in.readNBytes(Json.MAX_DOCUMENT + 1);
        }
        if (digest != null && digest.startsWith("sha256:")) {
            String actual = "sha256:" + sha256(data);
            if (!actual.equals(digest)) {
                throw new ImageException(Kind.DIGEST_MISMATCH, "digest mismatch: " + name + " hashes to " + actual + ", not " + digest);
            }
        }
        return data;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "sha256:abc" → "blobs/sha256/abc"; refuses digests that are not digests. */
    static String blobName(String digest) throws ImageException {
        try {
            Digest d = Digest.parse(digest);
            return "blobs/" + d.algorithm() + "/" + d.hex();
        } catch (IllegalArgumentException e) {
            throw new ImageException(Kind.MALFORMED, "malformed digest '" + digest + "': " + e.getMessage());
        }
    }

    /** The digest a blob name encodes ("blobs/sha256/abc" → "sha256:abc"), or null. */
    static String digestFromBlobName(String name) {
        String[] p = name.split("/");
        if (p.length == 3 && p[0].equals("blobs")) {
            try {
                return new Digest(p[1], p[2]).toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (p.length == 1 && name.endsWith(".json") && name.length() == 64 + 5) {
            try {
                return new Digest("sha256", name.substring(0, 64)).toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
