package dev.imgdiff.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;

/** Writes reports as JSON (UTF-8, two-space indent, fields in declaration order, nulls kept). */
public final class Reports {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();


    public void write(Object report, Writer out) throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        mapper.writer(pp).writeValue(out, report);
        out.write('\n');
    }

    /**
     * Reads a report that {@link #write} wrote: an {@link ImageReport} or a {@link ComparisonReport}, by
     * its "kind". Fields that a newer version added are ignored; a newer schema version is refused.
     *
     * @throws IOException when the file cannot be read or is not such a report (the message says why)
     */
    public Object read(java.nio.file.Path file) throws IOException {
        return read(file, mapper);
    }

    /**
     * Reads a report as {@link #read} does, but without its per-path records ({@code files} stays null):
     * the parser skips them, so a report of a huge image reads in little memory.
     */
    public Object readSummary(java.nio.file.Path file) throws IOException {
        return read(file, JsonMapper.builder().addMixIn(ImageReport.class, WithoutFiles.class).build());
    }

    /** Whether a file looks like a JSON report rather than an image: a regular file whose first non-blank byte is '{'. */
    public static boolean looksLikeReport(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c == '{';
        } catch (IOException e) {
            return false;
        }
    }

    /** Leaves the per-path records out when reading. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"files"})
    private abstract static class WithoutFiles {
    }

    private Object read(java.nio.file.Path file, ObjectMapper mapper) throws IOException {
        String kind = null;
        int version = -1;
        com.fasterxml.jackson.databind.ObjectReader reader = mapper.reader()
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException(file + " is not an imgdiff JSON report");
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && (kind == null || version < 0)) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (name.equals("kind") && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    kind = p.getText();
                } else if (name.equals("schemaVersion") && t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                    version = p.getIntValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (kind == null || version < 0) {
            throw new IOException(file + " is not an imgdiff JSON report (no kind or schemaVersion)");
        }
        if (version > ImageReport.SCHEMA_VERSION) {
            throw new IOException(file + " has schema version " + version + "; this imgdiff reads up to "
                    + ImageReport.SCHEMA_VERSION);
        }
        Class<?> type = switch (kind) {
            case "analysis" -> ImageReport.class;
            case "comparison" -> ComparisonReport.class;
            default -> throw new IOException(file + " is a '" + kind + "' report, not an analysis or a comparison");
        };
        try {
            return reader.forType(type).readValue(file.toFile());
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            StringBuilder at = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
                at.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
            }
            throw new IOException(file + " is not a well-formed imgdiff report (the value at "
                    + (at.length() == 0 ? "the top" : at) + " is missing, null or of the wrong type)", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
            throw new IOException(file + " is not valid JSON" + (l == null ? "" : " at line " + l.getLineNr()
                    + ", column " + l.getColumnNr()) + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
