package dev.imgdiff.cli;

import picocli.CommandLine.Option;

/** Options about what is written and where. */
public final class OutputOptions {
    /** Output formats. */
    public enum Format { text, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}). JSON has exact bytes; its shape is in the README.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    String output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Rows in the lists of largest files, directories and changes (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--no-color", description = "No colours (also: NO_COLOR set, or output not a terminal).")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;
}
