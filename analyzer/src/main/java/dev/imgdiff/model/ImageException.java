package dev.imgdiff.model;

/**
 * An image could not be read: bad input, a missing blob, an I/O failure. The message is one line that
 * names what went wrong; {@link #image()} and {@link #layer()} say where, when known. Text from the image
 * inside the message is raw: whoever prints it sanitizes it.
 */
public class ImageException extends Exception {
    private final String image;
    private final String layer;

    public ImageException(String message) {
        this(message, null, null, null);
    }

    public ImageException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public ImageException(String message, String image, String layer, Throwable cause) {
        super(message, cause);
        this.image = image;
        this.layer = layer;
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
        ImageException e = new ImageException(getMessage(), imageRef, layer, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The same error with the layer named, unless it already names one. */
    public ImageException inLayer(String layerDescription) {
        if (layer != null) {
            return this;
        }
        ImageException e = new ImageException(getMessage(), image, layerDescription, getCause());
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
