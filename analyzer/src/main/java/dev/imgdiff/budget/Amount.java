package dev.imgdiff.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A limit that is either a number of bytes or a percentage.
 *
 * @param bytes   the bytes, when {@code percent} is null
 * @param percent the percentage (5 for "5%"), or null for a byte limit
 */
public record Amount(long bytes, BigDecimal percent) {
    public static Amount ofBytes(long bytes) {
        return new Amount(bytes, null);
    }

    public static Amount ofPercent(BigDecimal percent) {
        return new Amount(0, percent);
    }

    public boolean isPercent() {
        return percent != null;
    }

    /** The percentage as a fraction (0.05 for 5%). */
    public double fraction() {
        return percent.divide(BigDecimal.valueOf(100), 12, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * Whether {@code part} stays within this limit: {@code part <= bytes}, or {@code part / whole <= percent}
     * computed exactly (a part equal to the limit passes). A positive part of a zero whole exceeds any percentage.
     */
    public boolean allows(long part, long whole) {
        if (percent == null) {
            return part <= bytes;
        }
        if (part <= 0) {
            return true;
        }
        if (whole <= 0) {
            return false;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .compareTo(percent.multiply(BigDecimal.valueOf(whole))) <= 0;
    }
}
