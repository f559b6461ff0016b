package dev.imgdiff.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bounds imgdiff keeps whatever an image, a registry or a daemon sends: how much it reads into memory
 * and how long it waits. Every one can be changed with {@code --limit NAME=VALUE} or the
 * {@code IMGDIFF_LIMITS} environment variable ({@code NAME=VALUE,NAME=VALUE}); the README lists them.
 * Immutable.
 */
public final class Limits {
    /** One limit, with its default. */
    public enum Name {
        LAYERS("layers", Unit.COUNT, 1000, "layers per image (Docker's overlay2 stops at 127)"),
        DOCUMENT_SIZE("document-size", Unit.BYTES, 16L << 20, "largest manifest, index or config"),
        DOCUMENTS_SIZE("documents-size", Unit.BYTES, 64L << 20,
                "JSON documents a streamed archive holds in memory together"),
        CAPTURED_FILE_SIZE("captured-file-size", Unit.BYTES, 16L << 20,
                "largest file a scan reads into memory (package databases, lockfiles)"),
        CAPTURED_SIZE("captured-size", Unit.BYTES, 256L << 20, "files one image's scans read into memory, together"),
        TAR_HEADER_SIZE("tar-header-size", Unit.BYTES, 1L << 20,
                "largest extended tar header (PAX, GNU long name); also all global ones of a layer together"),
        CONNECT_TIMEOUT("connect-timeout", Unit.MILLIS, 30_000, "wait for a connection to a registry or daemon"),
        IDLE_TIMEOUT("idle-timeout", Unit.MILLIS, 60_000, "wait for the next byte from a registry or daemon"),
        DOCUMENT_TIMEOUT("document-timeout", Unit.MILLIS, 120_000,
                "whole time a manifest, config or token may take to arrive"),
        HELPER_TIMEOUT("helper-timeout", Unit.MILLIS, 20_000, "whole time a credential helper may take");

        private final String key;
        private final Unit unit;
        private final long defaultValue;
        private final String help;

        Name(String key, Unit unit, long defaultValue, String help) {
            this.key = key;
            this.unit = unit;
            this.defaultValue = defaultValue;
            this.help = help;
        }

        /** How users write it: "idle-timeout". */
        public String key() {
            return key;
        }

        public String help() {
            return help;
        }
    }

    private enum Unit { COUNT, BYTES, MILLIS }

    private static final Limits DEFAULTS = new Limits(defaultValues());

    private final EnumMap<Name, Long> values;

    private Limits(EnumMap<Name, Long> values) {
        this.values = values;
    }

    private static EnumMap<Name, Long> defaultValues() {
        EnumMap<Name, Long> m = new EnumMap<>(Name.class);
        for (Name n : Name.values()) {
            m.put(n, n.defaultValue);
        }
        return m;
    }

    public static Limits defaults() {
        return DEFAULTS;
    }

    public int layers() {
        return (int) Math.min(Integer.MAX_VALUE, values.get(Name.LAYERS));
    }

    public int documentBytes() {
        return intBytes(Name.DOCUMENT_SIZE);
    }

    public long documentsBytes() {
        return values.get(Name.DOCUMENTS_SIZE);
    }

    public int capturedFileBytes() {
        return intBytes(Name.CAPTURED_FILE_SIZE);
    }

    public long capturedBytes() {
        return values.get(Name.CAPTURED_SIZE);
    }

    public int tarHeaderBytes() {
        return intBytes(Name.TAR_HEADER_SIZE);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(values.get(Name.CONNECT_TIMEOUT));
    }

    public Duration idleTimeout() {
        return Duration.ofMillis(values.get(Name.IDLE_TIMEOUT));
    }

    public Duration documentTimeout() {
        return Duration.ofMillis(values.get(Name.DOCUMENT_TIMEOUT));
    }

    public Duration helperTimeout() {
        return Duration.ofMillis(values.get(Name.HELPER_TIMEOUT));
    }

    /** Sizes read into one array: capped below 2 GB. */
    private int intBytes(Name n) {
        return (int) Math.min(Integer.MAX_VALUE - 16, values.get(n));
    }

    /** Every limit's name and a few words on what it bounds, in the README's order. */
    public static Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Name n : Name.values()) {
            out.put(n.key, n.help);
        }
        return out;
    }

    /** A limit's value as {@code --limit} writes it ("1000", "16M", "60s"). */
    public String value(Name n) {
        long v = values.get(n);
        return switch (n.unit) {
            case COUNT -> Long.toString(v);
            case BYTES -> v % (1L << 30) == 0 ? (v >> 30) + "G" : v % (1L << 20) == 0 ? (v >> 20) + "M"
                    : v % 1024 == 0 ? (v >> 10) + "K" : Long.toString(v);
            case MILLIS -> v % 1000 == 0 ? (v / 1000) + "s" : v + "ms";
        };
    }

    /**
     * These limits with one changed: {@code NAME=VALUE}, sizes in bytes or with K, M, G (powers of 1024),
     * times with ms, s or m (seconds without a unit).
     *
     * @throws IllegalArgumentException with a one-line reason for an unknown name or a bad value
     */
    public Limits with(String assignment) {
        int eq = assignment.indexOf('=');
        String keys = Arrays.stream(Name.values()).map(Name::key).collect(Collectors.joining(", "));
        if (eq <= 0) {
            throw new IllegalArgumentException("a limit is NAME=VALUE; the names are " + keys);
        }
        String key = assignment.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        Name name = Arrays.stream(Name.values()).filter(n -> n.key.equals(key)).findFirst().orElse(null);
        if (name == null) {
            Name close = Arrays.stream(Name.values())
                    .min(Comparator.comparingInt(n -> EditDistance.between(n.key, key))).orElseThrow();
            throw new IllegalArgumentException("unknown limit '" + key + "'"
                    + (EditDistance.between(close.key, key) <= 3 ? " (did you mean " + close.key + "?)" : "")
                    + "; the names are " + keys);
        }
        String value = assignment.substring(eq + 1).trim();
        long v;
        try {
            v = switch (name.unit) {
                case COUNT -> Long.parseLong(value);
                case BYTES -> bytes(value);
                case MILLIS -> millis(value);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("limit " + key + ": '" + value + "' is not "
                    + switch (name.unit) {
                        case COUNT -> "a number";
                        case BYTES -> "a size such as 64M or 1048576";
                        case MILLIS -> "a time such as 30s, 500ms or 5m";
                    });
        }
        if (v < 1) {
            throw new IllegalArgumentException("limit " + key + " must be positive");
        }
        EnumMap<Name, Long> copy = new EnumMap<>(values);
        copy.put(name, v);
        return new Limits(copy);
    }

    /** These limits with every {@code NAME=VALUE} of a comma-separated list applied (the environment's form). */
    public Limits withAll(String list) {
        Limits l = this;
        if (list != null) {
            for (String part : list.split(",")) {
                if (!part.isBlank()) {
                    l = l.with(part.trim());
                }
            }
        }
        return l;
    }

    private static long bytes(String v) {
        String s = v.toUpperCase(Locale.ROOT);
        s = s.endsWith("IB") ? s.substring(0, s.length() - 2) : s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
        int shift = s.isEmpty() ? 0 : switch (s.charAt(s.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        long n = Long.parseLong((shift > 0 ? s.substring(0, s.length() - 1) : s).trim());
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new ArithmeticException("too large");
        }
        return n << shift;
    }

    private static long millis(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Long.parseLong(s.substring(0, s.length() - 2).trim());
        }
        if (s.endsWith("m")) {
            return Math.multiplyExact(Long.parseLong(s.substring(0, s.length() - 1).trim()), 60_000L);
        }
        return Math.multiplyExact(Long.parseLong((s.endsWith("s") ? s.substring(0, s.length() - 1) : s).trim()), 1000L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits l && l.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.stream(Name.values()).map(n -> n.key + "=" + value(n)).collect(Collectors.joining(","));
    }
}
