package dev.imgdiff.source;

/**
 * One layer as the manifest names it.
 *
 * @param index     0-based position in the image
 * @param blobName  where the blob sits in its store ("blobs/sha256/…" or "…/layer.tar")
 * @param digest    the blob digest when known ("sha256:…"), else null
 * @param diffId    the digest of the uncompressed tar from the config's rootfs.diff_ids, or null
 * @param mediaType as declared by the manifest, or null
 * @param blobSize  bytes of the blob as stored (the compressed size)
 */
public record LayerRef(int index, String blobName, String digest, String diffId, String mediaType, long blobSize) {

    /** "layer 3/7 (sha256:ab12cd34ef56)" — how messages name a layer (1-based for people). */
    public String describe(int total) {
        String id = digest != null ? digest : diffId;
        String shortId = id == null ? blobName : id.substring(0, Math.min(id.length(), id.indexOf(':') + 13));
        return "layer " + (index + 1) + "/" + total + " (" + shortId + ")";
    }
}
