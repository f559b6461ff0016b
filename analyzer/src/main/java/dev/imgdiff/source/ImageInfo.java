package dev.imgdiff.source;

import dev.imgdiff.model.Platform;

/**
 * Where an image was read from and what identifies it.
 *
 * @param reference      what the user typed
 * @param format         "docker-archive", "docker-archive (OCI layout)", "oci", "oci-archive"
 * @param repoTag        the tag recorded with the image, or null
 * @param manifestDigest the manifest digest when the source has one, or null
 * @param configDigest   the config digest (the image id), or null
 * @param platform       the image's platform from its config
 */
public record ImageInfo(String reference, String format, String repoTag, String manifestDigest,
                        String configDigest, Platform platform) {
}
