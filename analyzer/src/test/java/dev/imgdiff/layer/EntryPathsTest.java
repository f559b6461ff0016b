package dev.imgdiff.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryPathsTest {
    @ParameterizedTest
    @CsvSource({
        "usr/bin/gcc, /usr/bin/gcc",
        "./usr/bin/, /usr/bin",
        "./, /",
        "., /",
        "a//b/./c, /a/b/c",
        "a/b/../c, /a/c",
    })
    void normalizes(String raw, String expected) {
        assertThat(EntryPaths.normalize(raw)).isEqualTo(expected);
        assertThat(EntryPaths.problem(raw)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "../etc/passwd, climbs",
        "a/../../etc, climbs",
        "/etc/passwd, absolute",
    })
    void refusesEscapes(String raw, String word) {
        assertThat(EntryPaths.problem(raw)).contains(word);
    }

    @org.junit.jupiter.api.Test
    void refusesControlCharactersAndInvalidUtf8() {
        assertThat(EntryPaths.problem("a\u001b[31mred")).contains("escape");
        assertThat(EntryPaths.problem("line\nbreak")).contains("control");
        assertThat(EntryPaths.problem("c1\u009bx")).contains("control");
        assertThat(EntryPaths.problem("bad" + (char) 0xDCFF)).contains("UTF-8");
        assertThat(EntryPaths.problem("日本/é")).isNull();
    }
}
