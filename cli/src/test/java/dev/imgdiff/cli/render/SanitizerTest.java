package dev.imgdiff.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizerTest {
    @Test
    void escapesWhatCouldActOnATerminal() {
        assertThat(Sanitizer.clean("a\u001b[31mred")).isEqualTo("a\\x1b[31mred");
        assertThat(Sanitizer.clean("t\u001b]0;title\u0007")).isEqualTo("t\\x1b]0;title\\x07");
        assertThat(Sanitizer.clean("line\nbreak\r\t")).isEqualTo("line\\nbreak\\r\\t");
        assertThat(Sanitizer.clean("c1\u009b2J")).isEqualTo("c1\\u009b2J");
        assertThat(Sanitizer.clean("del\u007f")).isEqualTo("del\\x7f");
        assertThat(Sanitizer.clean("rtl\u202eevil")).isEqualTo("rtl\\u202eevil");
    }

    @Test
    void showsInvalidUtf8BytesAsHex() {
        assertThat(Sanitizer.clean("bad-" + (char) 0xDCFF + (char) 0xDCFE)).isEqualTo("bad-\\xff\\xfe");
        assertThat(Sanitizer.clean("lone" + (char) 0xD800)).isEqualTo("lone\\ud800");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String s = "/usr/lib/gcc/x86_64-linux-gnu/12/cc1 日本語 é 😀 → …";
        assertThat(Sanitizer.clean(s)).isSameAs(s);
        assertThat(Sanitizer.clean(null)).isEmpty();
    }
}
