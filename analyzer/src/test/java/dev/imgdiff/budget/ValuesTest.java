package dev.imgdiff.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void decimalAndBinaryUnits() {
        assertThat(Values.size("0")).isZero();
        assertThat(Values.size("123")).isEqualTo(123);
        assertThat(Values.size("7B")).isEqualTo(7);
        assertThat(Values.size("2kB")).isEqualTo(2_000);
        assertThat(Values.size("2KB")).isEqualTo(2_000);
        assertThat(Values.size("2KiB")).isEqualTo(2_048);
        assertThat(Values.size("150MB")).isEqualTo(150_000_000);
        assertThat(Values.size("150 MB")).isEqualTo(150_000_000);
        assertThat(Values.size("3MiB")).isEqualTo(3 * 1_048_576);
        assertThat(Values.size("400MB")).isEqualTo(400_000_000);
        assertThat(Values.size("2GB")).isEqualTo(2_000_000_000L);
        assertThat(Values.size("1.5GiB")).isEqualTo(1_610_612_736L);
        assertThat(Values.size("1.5GB")).isEqualTo(1_500_000_000L);
        assertThat(Values.size("1TB")).isEqualTo(1_000_000_000_000L);
        assertThat(Values.size("1TiB")).isEqualTo(1_099_511_627_776L);
        assertThat(Values.size("1.0005kB")).isEqualTo(1_000); // a fraction of a byte is dropped
    }

    @Test
    void badSizes() {
        assertThatThrownBy(() -> Values.size("12 apples")).hasMessageContaining("'12 apples' is not a size");
        assertThatThrownBy(() -> Values.size("-5MB")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Values.size("1.5")).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> Values.size("MB")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Values.size("99999999TB")).hasMessageContaining("too large");
    }

    @Test
    void percentagesRatiosAndAmounts() {
        assertThat(Values.percent("5%")).isEqualByComparingTo("5");
        assertThat(Values.percent("2.5 %")).isEqualByComparingTo("2.5");
        assertThat(Values.amount("5%")).isEqualTo(Amount.ofPercent(new BigDecimal("5")));
        assertThat(Values.amount("10MB")).isEqualTo(Amount.ofBytes(10_000_000));
        assertThat(Values.ratio("0.95")).isEqualByComparingTo("0.95");
        assertThat(Values.ratio("95%")).isEqualByComparingTo("0.95");
        assertThat(Values.ratio("1")).isEqualByComparingTo("1");
        assertThatThrownBy(() -> Values.ratio("1.01")).hasMessageContaining("more than 1");
        assertThatThrownBy(() -> Values.ratio("-0.1")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Values.amount("5 apples")).hasMessageContaining("neither a size");
        assertThat(Values.count("12")).isEqualTo(12);
        assertThatThrownBy(() -> Values.count("12.5")).hasMessageContaining("whole number");
    }

    @Test
    void percentLimitsCompareExactly() {
        Amount five = Amount.ofPercent(new BigDecimal("5"));
        assertThat(five.allows(5, 100)).isTrue();      // equal passes
        assertThat(five.allows(6, 100)).isFalse();
        assertThat(five.allows(50_000_001, 1_000_000_000)).isFalse();
        assertThat(five.allows(50_000_000, 1_000_000_000)).isTrue();
        assertThat(five.allows(-10, 100)).isTrue();    // shrinking
        assertThat(five.allows(1, 0)).isFalse();       // anything over nothing
        assertThat(Amount.ofBytes(10).allows(10, 0)).isTrue();
        assertThat(Amount.ofBytes(10).allows(11, 0)).isFalse();
    }

    @Test
    void diveReadsSizesLikeGoHumanize() {
        assertThat(Values.diveBytes("20MB")).isEqualTo(20_000_000);
        assertThat(Values.diveBytes("20Mb")).isEqualTo(20_000_000); // SI, case-insensitive: not megabits
        assertThat(Values.diveBytes("19Mb")).isEqualTo(19_000_000);
        assertThat(Values.diveBytes("20 mib")).isEqualTo(20 * 1_048_576);
        assertThat(Values.diveBytes("20M")).isEqualTo(20_000_000);
        assertThat(Values.diveBytes("1k")).isEqualTo(1_000);
        assertThat(Values.diveBytes("1Ki")).isEqualTo(1_024);
        assertThat(Values.diveBytes("1,000")).isEqualTo(1_000);
        assertThat(Values.diveBytes("1.1MB")).isEqualTo(1_100_000);
        assertThat(Values.diveBytes("5")).isEqualTo(5);
        assertThat(Values.diveBytes("1.5GiB")).isEqualTo(1_610_612_736L);
        assertThatThrownBy(() -> Values.diveBytes("20 apples")).hasMessageContaining("unhandled size name 'apples'");
        assertThatThrownBy(() -> Values.diveBytes("-1MB")).hasMessageContaining("not a size");
        assertThat(Values.diveRatio("0.95")).isEqualTo(0.95);
        assertThat(Values.diveRatio("1")).isEqualTo(1.0);
        assertThatThrownBy(() -> Values.diveRatio("1.5")).hasMessageContaining("outside the allowed range (0-1)");
        assertThatThrownBy(() -> Values.diveRatio("95%")).hasMessageContaining("not a number");
    }
}
