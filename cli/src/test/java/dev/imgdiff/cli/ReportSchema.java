package dev.imgdiff.cli;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON schema of reports ({@code schema/imgdiff-report.schema.json} at the repository root), for tests. */
public final class ReportSchema {
    static final String FILE = "schema/imgdiff-report.schema.json";
    private static final Schema SCHEMA = load();

    private ReportSchema() {
    }

    /** The schema file, found from the working directory upwards (Maven runs tests in cli/). */
    static Path file() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(FILE);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }

    private static Schema load() {
        try {
            String text = Files.readString(file(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a report, one line per violation; empty when it conforms. */
    static List<String> errors(String json) {
        List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** Fails the calling test when the report does not conform. */
    public static void check(String json) {
        List<String> errors = errors(json);
        if (!errors.isEmpty()) {
            throw new AssertionError("report does not match " + FILE + ":\n  " + String.join("\n  ",
                    errors.subList(0, Math.min(20, errors.size()))));
        }
    }

    /** Whether the text looks like a report: a JSON object with a schemaVersion. */
    static boolean isReport(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("{")) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(t);
            return n != null && n.isObject() && n.has("schemaVersion");
        } catch (IOException e) {
            return false;
        }
    }
}
