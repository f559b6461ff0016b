package dev.imgdiff.layer;

/** How a layer blob is compressed, decided from its first bytes, never from its media type. */
public enum Compression {
    NONE, GZIP, ZSTD, BZIP2, XZ, UNKNOWN;

    /** Bytes needed to tell a tar from anything else: the "ustar" magic sits at offset 257. */
    public static final int SNIFF_LENGTH = 512;

    /** Decides from the first {@code len} bytes of a blob. */
    public static Compression sniff(byte[] b, int len) {
        if (len >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
            return GZIP;
        }
        if (len >= 4 && (b[0] & 0xFF) == 0x28 && (b[1] & 0xFF) == 0xB5 && (b[2] & 0xFF) == 0x2F
                && (b[3] & 0xFF) == 0xFD) {
            return ZSTD;
        }
        if (len >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h') {
            return BZIP2;
        }
        if (len >= 6 && (b[0] & 0xFF) == 0xFD && b[1] == '7' && b[2] == 'z' && b[3] == 'X' && b[4] == 'Z'
                && b[5] == 0) {
            return XZ;
        }
        return looksLikeTar(b, len) ? NONE : UNKNOWN;
    }

    /**
     * A tar starts with a header whose checksum is right, or (an empty tar) with a zero block. An empty
     * blob is also accepted: it has no entries.
     */
    static boolean looksLikeTar(byte[] b, int len) {
        if (len == 0) {
            return true;
        }
        if (len < 512) {
            return false;
        }
        boolean allZero = true;
        for (int i = 0; i < 512; i++) {
            if (b[i] != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return true;
        }
        long stored = 0;
        int i = 148;
        while (i < 156 && (b[i] == ' ' || b[i] == 0)) {
            i++;
        }
        boolean digits = false;
        for (; i < 156 && b[i] >= '0' && b[i] <= '7'; i++) {
            stored = stored * 8 + (b[i] - '0');
            digits = true;
        }
        if (!digits) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int j = 0; j < 512; j++) {
            int v = (j >= 148 && j < 156) ? ' ' : b[j];
            unsigned += v & 0xFF;
            signed += v;
        }
        return stored == unsigned || stored == signed;
    }
}
