package dev.imgdiff.layer;

import java.nio.charset.Charset;
import java.nio.charset.spi.CharsetProvider;
import java.util.Iterator;
import java.util.List;

/** Makes {@link EscapingUtf8} available by name, which is how commons-compress takes encodings. */
public final class EscapingUtf8Provider extends CharsetProvider {
    private final Charset charset = new EscapingUtf8();

    @Override
    public Iterator<Charset> charsets() {
        return List.of(charset).iterator();
    }

    @Override
    public Charset charsetForName(String name) {
        return EscapingUtf8.NAME.equalsIgnoreCase(name) ? charset : null;
    }
}
