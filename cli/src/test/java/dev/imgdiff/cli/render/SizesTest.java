package dev.imgdiff.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void decimalUnitsWithThreeSignificantDigits() {
        assertThat(Sizes.human(0)).isEqualTo("0 B");
        assertThat(Sizes.human(999)).isEqualTo("999 B");
        assertThat(Sizes.human(1000)).isEqualTo("1.00 kB");
        assertThat(Sizes.human(12_345_678)).isEqualTo("12.3 MB");
        assertThat(Sizes.human(123_456_789)).isEqualTo("123 MB");
        assertThat(Sizes.human(999_600_000)).isEqualTo("1.00 GB");
        assertThat(Sizes.human(1_234_567_890)).isEqualTo("1.23 GB");
        assertThat(Sizes.human(-5_000)).isEqualTo("-5.00 kB");
        assertThat(Sizes.signed(5_000)).isEqualTo("+5.00 kB");
    }

    @Test
    void ratiosSaySmallerOrLarger() {
        assertThat(Sizes.ratio(1_000, 250)).isEqualTo("4.00x smaller");
        assertThat(Sizes.ratio(100, 130)).isEqualTo("1.30x larger");
        assertThat(Sizes.ratio(5, 5)).isEqualTo("same size");
        assertThat(Sizes.ratio(12_000, 100)).isEqualTo("120x smaller");
        assertThat(Sizes.ratio(5, 0)).isEqualTo("B is empty");
    }

    @Test
    void countsAndPercents() {
        assertThat(Sizes.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Sizes.percent(0.9512)).isEqualTo("95.1%");
    }
}
