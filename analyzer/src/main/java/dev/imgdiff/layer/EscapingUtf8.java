package dev.imgdiff.layer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that never fails and never loses a byte: every byte of an invalid sequence decodes to the lone
 * surrogate {@code U+DC80..U+DCFF} (as Python's "surrogateescape" does). Tar names are bytes; this lets
 * the scanner keep two differently-broken names apart and tell the user exactly which bytes were invalid.
 * The decoder expects whole names in one call; a sequence cut at the end of the input is escaped.
 */
public final class EscapingUtf8 extends Charset {
    /** The name under which {@link EscapingUtf8Provider} registers this charset. */
    public static final String NAME = "X-imgdiff-utf8-escaping";
    private static final int ESCAPE_BASE = 0xDC00;

    public EscapingUtf8() {
        super(NAME, new String[0]);
    }

    /** Whether {@code c} stands for an invalid byte. */
    public static boolean isEscapedByte(char c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    /** The byte that an escaped char stands for. */
    public static int escapedByte(char c) {
        return c - ESCAPE_BASE;
    }

    @Override
    public boolean contains(Charset cs) {
        return cs instanceof EscapingUtf8 || StandardCharsets.UTF_8.contains(cs);
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new Decoder(this);
    }

    @Override
    public CharsetEncoder newEncoder() {
        return StandardCharsets.UTF_8.newEncoder();
    }

    private static final class Decoder extends CharsetDecoder {
        Decoder(Charset cs) {
            super(cs, 1.0f, 2.0f);
        }

        @Override
        protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
            while (in.hasRemaining()) {
                int start = in.position();
                int b0 = in.get(start) & 0xFF;
                int need;
                int cp;
                int min;
                if (b0 < 0x80) {
                    need = 0;
                    cp = b0;
                    min = 0;
                } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                    need = 1;
                    cp = b0 & 0x1F;
                    min = 0x80;
                } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                    need = 2;
                    cp = b0 & 0x0F;
                    min = 0x800;
                } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                    need = 3;
                    cp = b0 & 0x07;
                    min = 0x10000;
                } else {
                    need = -1;
                    cp = -1;
                    min = 0;
                }
                boolean ok = need >= 0 && in.remaining() > need;
                for (int i = 1; ok && i <= need; i++) {
                    int b = in.get(start + i) & 0xFF;
                    if ((b & 0xC0) != 0x80) {
                        ok = false;
                    } else {
                        cp = (cp << 6) | (b & 0x3F);
                    }
                }
                if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
                    ok = false;
                }
                if (!ok) {
                    if (!out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    out.put((char) (ESCAPE_BASE | b0));
                    in.position(start + 1);
                    continue;
                }
                int chars = Character.charCount(cp);
                if (out.remaining() < chars) {
                    return CoderResult.OVERFLOW;
                }
                if (chars == 1) {
                    out.put((char) cp);
                } else {
                    out.put(Character.highSurrogate(cp));
                    out.put(Character.lowSurrogate(cp));
                }
                in.position(start + need + 1);
            }
            return CoderResult.UNDERFLOW;
        }
    }
}
