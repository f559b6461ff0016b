package dev.imgdiff.budget;

/**
 * A budget that cannot be used: a file that is missing or malformed, an unknown key, a bad value. The
 * message names the file and, where there is one, the line and column.
 */
public final class BudgetException extends Exception {
    private final int line;
    private final int column;

    public BudgetException(String message) {
        this(message, 0, 0, null);
    }

    public BudgetException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the offending text, or 0 when there is none. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending text, or 0 when there is none. */
    public int column() {
        return column;
    }
}
