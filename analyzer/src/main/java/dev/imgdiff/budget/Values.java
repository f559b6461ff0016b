package dev.imgdiff.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of budget rules: sizes ("150MB", "1.5GiB", "0", plain bytes), percentages ("5%"), ratios
 * and counts. MB, GB and TB are decimal, as {@code docker images} prints them; KiB, MiB, GiB and TiB binary.
 * Units are case-insensitive. Errors are {@link IllegalArgumentException}s whose message says what is wrong.
 */
public final class Values {
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([A-Za-z]*)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*%");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d*)?|\\.\\d+");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1000L), Map.entry("kib", 1L << 10),
            Map.entry("mb", 1000_000L), Map.entry("mib", 1L << 20),
            Map.entry("gb", 1000_000_000L), Map.entry("gib", 1L << 30),
            Map.entry("tb", 1000_000_000_000L), Map.entry("tib", 1L << 40));
    static final String SIZE_HELP = "a size such as 400MB, 1.5GiB or 0 (units B, kB, KiB, MB, MiB, GB, GiB, TB, TiB)";

    private Values() {
    }

    /** A size in bytes; a fraction of a byte is dropped ("1.5kB" is 1500, "0.0001kB" is 0). */
    public static long size(String text) {
        String s = text.trim();
        negative(s);
        Matcher m = NUMBER_UNIT.matcher(s);
        Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size: use " + SIZE_HELP);
        }
        BigDecimal n = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (m.group(2).isEmpty() && n.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes");
        }
        try {
            return n.setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** A percentage: "5%" gives 5. */
    public static BigDecimal percent(String text) {
        String s = text.trim();
        negative(s);
        Matcher m = PERCENT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage such as 5%");
        }
        return new BigDecimal(m.group(1));
    }

    /** A size or a percentage. */
    public static Amount amount(String text) {
        if (text.trim().endsWith("%")) {
            return Amount.ofPercent(percent(text));
        }
        try {
            return Amount.ofBytes(size(text));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains("is not a size")) {
                throw new IllegalArgumentException("'" + text + "' is neither a size (such as 400MB) nor a percentage "
                        + "(such as 5%)");
            }
            throw e;
        }
    }

    /** A ratio from 0 to 1 ("0.95"), or a percentage up to 100% ("95%"). */
    public static BigDecimal ratio(String text) {
        String s = text.trim();
        negative(s);
        BigDecimal r;
        if (s.endsWith("%")) {
            r = percent(s).divide(BigDecimal.valueOf(100));
        } else if (DECIMAL.matcher(s).matches()) {
            r = new BigDecimal(s);
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a ratio from 0 to 1 (such as 0.95) or a percentage");
        }
        if (r.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 1 (100%)");
        }
        return r;
    }

    /** A whole number, 0 or more. */
    public static int count(String text) {
        String s = text.trim();
        negative(s);
        if (!s.matches("\\d+")) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    private static void negative(String s) {
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("'" + s + "' is negative: limits are 0 or more");
        }
    }

    /**
     * A size as dive reads one (go-humanize's ParseBytes): digits, dots and commas (commas dropped), then
     * an optional unit, case-insensitive, after optional spaces: b; k, kb, m, mb, g, gb, t, tb, p, pb, e, eb
     * (SI: 1000-based; "20Mb" is 20,000,000 bytes); ki, kib, mi, mib, gi, gib, ti, tib, pi, pib, ei, eib
     * (1024-based). The number is scaled as a double and truncated, as dive does.
     */
    public static long diveBytes(String text) {
        int i = 0;
        boolean comma = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == ',')) {
                break;
            }
            comma |= c == ',';
            i++;
        }
        String num = text.substring(0, i);
        if (comma) {
            num = num.replace(",", "");
        }
        double f;
        try {
            if (num.isEmpty() || !num.matches("[0-9]*\\.?[0-9]*")) {
                throw new NumberFormatException();
            }
            f = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size dive reads (such as 20MB)");
        }
        String unit = text.substring(i).trim().toLowerCase(Locale.ROOT);
        Double m = DIVE_UNITS.get(unit);
        if (m == null) {
            throw new IllegalArgumentException("'" + text + "': unhandled size name '" + unit + "'");
        }
        f *= m;
        if (f >= 0x1p64) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (f >= Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return (long) f;
    }

    /** A ratio as dive reads one (Go's ParseFloat), from 0 to 1. */
    public static double diveRatio(String text) {
        String s = text;
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        double d = Double.parseDouble(s);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException("'" + text + "' is outside the allowed range (0-1)");
        }
        return d;
    }

    private static final Map<String, Double> DIVE_UNITS = Map.ofEntries(
            Map.entry("b", 1d), Map.entry("", 1d),
            Map.entry("kib", 0x1p10), Map.entry("ki", 0x1p10), Map.entry("kb", 1e3), Map.entry("k", 1e3),
            Map.entry("mib", 0x1p20), Map.entry("mi", 0x1p20), Map.entry("mb", 1e6), Map.entry("m", 1e6),
            Map.entry("gib", 0x1p30), Map.entry("gi", 0x1p30), Map.entry("gb", 1e9), Map.entry("g", 1e9),
            Map.entry("tib", 0x1p40), Map.entry("ti", 0x1p40), Map.entry("tb", 1e12), Map.entry("t", 1e12),
            Map.entry("pib", 0x1p50), Map.entry("pi", 0x1p50), Map.entry("pb", 1e15), Map.entry("p", 1e15),
            Map.entry("eib", 0x1p60), Map.entry("ei", 0x1p60), Map.entry("eb", 1e18), Map.entry("e", 1e18));
}
