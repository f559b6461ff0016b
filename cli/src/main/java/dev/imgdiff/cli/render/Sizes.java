package dev.imgdiff.cli.render;

import java.util.Locale;

/** Human-readable byte counts in decimal units, as {@code docker images} prints them (1 MB = 10^6 B). */
public final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Sizes() {
    }

    /** 0 B, 999 B, 1.00 kB, 12.3 MB, 123 MB, 1.23 GB: three significant digits. */
    public static String human(long bytes) {
        if (bytes < 0) {
            return "-" + human(-bytes);
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 999.5 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        String num;
        if (v >= 99.95) {
            num = String.format(Locale.ROOT, "%.0f", v);
        } else if (v >= 9.995) {
            num = String.format(Locale.ROOT, "%.1f", v);
        } else {
            num = String.format(Locale.ROOT, "%.2f", v);
        }
        return num + " " + UNITS[unit];
    }

    /** A signed difference: "+12.3 MB", "-1.01 GB", "0 B". */
    public static String signed(long bytes) {
        return bytes > 0 ? "+" + human(bytes) : human(bytes);
    }

    /** 1234567 → "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String signedCount(long n) {
        return n > 0 ? "+" + count(n) : count(n);
    }

    /** 0.9512 → "95.1%". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** "4.2x smaller", "1.3x larger", "same size". */
    public static String ratio(long a, long b) {
        if (a == b) {
            return "same size";
        }
        if (b == 0) {
            return "B is empty";
        }
        if (a == 0) {
            return "A is empty";
        }
        double r = a > b ? (double) a / b : (double) b / a;
        String f = r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : r >= 10
                ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%.2f", r);
        return f + "x " + (a > b ? "smaller" : "larger");
    }
}
