package dev.imgdiff.cli;

/** The process exit codes, as the README documents them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int GATE_FAILED = 1;
    public static final int USAGE = 2;
    public static final int IMAGE_ERROR = 3;
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
