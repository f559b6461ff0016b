package dev.imgdiff.model;

/**
 * An image could not be read: bad input, a missing blob, an I/O failure. The message is one line that
 * names what went wrong; {@link #kind()} says which class of failure it is (code branches on the kind,
 * never on the wording), {@link #image()} and {@link #layer()} say where, when known. Text from the image
 * inside the message is raw: whoever prints it sanitizes it. A message never quotes a response body, a
 * token, a header value or the content of a file.
 */
public class ImageException extends Exception {
    /** The classes of failure. */
    public enum Kind {
        /** The input ends early: an archive, a blob, a stream. */
        TRUNCATED,
        /** Compressed data or a tar stream that cannot be decoded. */
        CORRUPT,
        /** A manifest, index, config or other document that breaks its format. */
        MALFORMED,
        /** The input is no image at all (not a tar, an empty file, a folder without a layout). */
        NOT_AN_IMAGE,
        /** A blob that the image names is absent. */
        MISSING_BLOB,
        /** Content that does not hash to the digest naming it. */
        DIGEST_MISMATCH,
        /** Content whose length differs from the size its descriptor declares. */
        SIZE_MISMATCH,
        /** A name that climbs out of its root or otherwise cannot be trusted (a path, a link, a symlink). */
        UNSAFE_NAME,
        /** Something over a documented limit (a document, a layer count, a declared size). */
        TOO_LARGE,
        /** Valid, but not supported (bzip2 layers, an unregistered digest algorithm, an ssh daemon). */
        UNSUPPORTED,
        /** The image, tag or platform is not where it was looked for. */
        NOT_FOUND,
        /** Several images match and the user must choose one. */
        AMBIGUOUS,
        /** Credentials missing, refused or not allowed to pull. */
        AUTH,
        /** A deadline passed: no answer, a body that stalls, a helper that hangs. */
        TIMEOUT,
        /** A daemon or registry that cannot be reached at all. */
        UNREACHABLE,
        /** A daemon or registry that answered what its protocol does not allow. */
        PROTOCOL,
        /** An argument that can never name an image or an endpoint (the command line maps it to exit 2). */
        BAD_REFERENCE,
        /** A local I/O failure: permissions, a full disk, a file that vanished. */
        IO,
        /** The user or the runtime interrupted the work. */
        INTERRUPTED
    }

    private final Kind kind;
    private final String image;
    private final String layer;

    public ImageException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public ImageException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, null, cause);
    }

    public ImageException(Kind kind, String message, String image, String layer, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.image = image;
        this.layer = layer;
    }

    /** Which class of failure this is. */
    public Kind kind() {
        return kind;
    }

    /** The image reference as the user gave it, or null. */
    public String image() {
        return image;
    }

    /** A description of the layer at fault ("layer 3/7 sha256:ab12…"), or null. */
    public String layer() {
        return layer;
    }

    /** The same error with the image named, unless it already names one. */
    public ImageException inImage(String imageRef) {
        if (image != null) {
            return this;
        }
        ImageException e = new ImageException(kind, getMessage(), imageRef, layer, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The same error with the layer named, unless it already names one. */
    public ImageException inLayer(String layerDescription) {
        if (layer != null) {
            return this;
        }
        ImageException e = new ImageException(kind, getMessage(), image, layerDescription, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The same error with a prefix before its message ("not found; tried: …"), keeping the kind. */
    public ImageException withMessage(String message) {
        ImageException e = new ImageException(kind, message, image, layer, this);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** One line: "image X, layer Y: message". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (image != null) {
            sb.append(image);
        }
        if (layer != null) {
            sb.append(sb.length() > 0 ? ", " : "").append(layer);
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        return sb.append(getMessage()).toString();
    }
}
