package dev.imgdiff.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import org.junit.jupiter.api.Test;

class EscapingUtf8Test {
    private static String decode(byte... bytes) throws CharacterCodingException {
        return Charset.forName(EscapingUtf8.NAME).newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    @Test
    void registeredUnderItsName() {
        assertThat(Charset.isSupported(EscapingUtf8.NAME)).isTrue();
    }

    @Test
    void decodesValidUtf8LikeUtf8() throws Exception {
        assertThat(decode("usr/bin/é日本語😀".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("usr/bin/é日本語😀");
    }

    @Test
    void keepsEveryInvalidByteAsAnEscape() throws Exception {
        String s = decode((byte) 'a', (byte) 0xFF, (byte) 0xFE, (byte) 'b');
        assertThat(s).hasSize(4);
        assertThat(EscapingUtf8.isEscapedByte(s.charAt(1))).isTrue();
        assertThat(EscapingUtf8.escapedByte(s.charAt(1))).isEqualTo(0xFF);
        assertThat(EscapingUtf8.escapedByte(s.charAt(2))).isEqualTo(0xFE);
        assertThat(s.charAt(3)).isEqualTo('b');
    }

    @Test
    void refusesOverlongsSurrogatesAndTruncatedSequences() throws Exception {
        // overlong "/" (C0 AF), an encoded surrogate (ED A0 80), a cut 3-byte sequence (E6 97)
        String s = decode((byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xE6, (byte) 0x97);
        assertThat(s.chars().allMatch(c -> EscapingUtf8.isEscapedByte((char) c))).isTrue();
        assertThat(s).hasSize(7);
    }
}
