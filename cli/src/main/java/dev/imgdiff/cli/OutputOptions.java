package dev.imgdiff.cli;

import picocli.CommandLine.Option;

/** Options about what is written and where. */
public final class OutputOptions {
    /** Output formats. */
    public enum Format { text, json, markdown, html }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, markdown or html (default: ${DEFAULT-VALUE}). JSON has exact bytes (schema in "
                    + "schema/imgdiff-report.schema.json); markdown suits a pull request; html is one self-contained page "
                    + "with a treemap (use -o FILE).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    String output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Rows in the lists of largest files, directories and changes (default: ${DEFAULT-VALUE}).")
    int top;

    /** Main tables. */
    public enum By { layer, category, package_, dir }

    @Option(names = "--by", paramLabel = "TABLE", converter = ByConverter.class,
            description = "The main table, shown first: layer, category, package or dir (default: layer for one "
                    + "image, category for two).")
    By by;

    /** Reads "package" (a Java keyword, hence the enum's name). */
    static final class ByConverter implements picocli.CommandLine.ITypeConverter<By> {
        @Override
        public By convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "layer", "layers" -> By.layer;
                case "category", "categories" -> By.category;
                case "package", "packages" -> By.package_;
                case "dir", "dirs", "directory", "directories", "path", "paths" -> By.dir;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not one of layer, category, package, dir");
            };
        }
    }

    @Option(names = "--no-color", description = "No colours (also: NO_COLOR set, or output not a terminal).")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;
}
