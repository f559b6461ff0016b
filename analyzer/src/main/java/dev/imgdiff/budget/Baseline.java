package dev.imgdiff.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.CategoryTotal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures growth is measured against: an earlier JSON report ({@code imgdiff analyze --format json}) or
 * another image's analysis.
 *
 * @param name       what it is, for messages
 * @param categories bytes per category label
 */
public record Baseline(String name, long imageSize, long compressedSize, long contentSize,
                       Map<String, Long> categories) {
    public Baseline {
        categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    public static Baseline of(String name, Analysis a) {
        Map<String, Long> cats = new LinkedHashMap<>();
        for (CategoryTotal c : a.categories()) {
            cats.put(c.category().label(), c.bytes());
        }
        return new Baseline(name, a.imageSize(), a.compressedSize(), a.contentSize(), cats);
    }

    /** Whether a file looks like a JSON report (its first non-blank byte is '{'). */
    public static boolean looksLikeReport(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (!Character.isWhitespace(c)) {
                    return c == '{';
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads an {@code imgdiff analyze --format json} report (of a comparison report, its image B).
     *
     * @throws BudgetException when it cannot be read or is not a report of a known schema version
     */
    public static Baseline read(Path file) throws BudgetException {
        String name = file.toString();
        JsonNode root;
        try {
            root = readWithoutPaths(file);
        } catch (JsonProcessingException e) {
            var l = e.getLocation();
            throw new BudgetException("baseline " + name + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr())
                    + ": not a JSON report: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new BudgetException("cannot read baseline " + name + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BudgetException("baseline " + name + ": not an imgdiff JSON report");
        }
        if (root.path("schemaVersion").asInt(-1) != 1) {
            throw new BudgetException("baseline " + name + ": not an imgdiff JSON report of schema version 1");
        }
        JsonNode image = root;
        if ("comparison".equals(root.path("kind").asText())) {
            image = root.path("b");
        }
        JsonNode totals = image.path("totals");
        if (!totals.path("imageSize").canConvertToLong() || !totals.path("contentSize").canConvertToLong()
                || !totals.path("compressedSize").canConvertToLong()) {
            throw new BudgetException("baseline " + name + ": the report has no totals");
        }
        Map<String, Long> cats = new LinkedHashMap<>();
        for (JsonNode c : image.path("categories")) {
            cats.put(c.path("name").asText(), c.path("bytes").asLong());
        }
        String ref = image.path("image").path("reference").asText("");
        return new Baseline(ref.isEmpty() ? name : name + " (" + ref + ")", totals.path("imageSize").asLong(),
                totals.path("compressedSize").asLong(), totals.path("contentSize").asLong(), cats);
    }

    /**
     * The report as a tree, without its per-path records ({@code files}, tens of MB for a big image),
     * which the parser skips as it goes: the baseline needs the totals and categories only.
     */
    private static JsonNode readWithoutPaths(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return p.currentToken() == null ? null : mapper.readTree(p);
            }
            return readObject(p, mapper, 0);
        }
    }

    private static JsonNode readObject(com.fasterxml.jackson.core.JsonParser p, ObjectMapper mapper, int depth)
            throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode node = mapper.createObjectNode();
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.currentName();
            com.fasterxml.jackson.core.JsonToken t = p.nextToken();
            if (name.equals("files") && depth <= 1) {
                p.skipChildren();
            } else if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && depth == 0
                    && (name.equals("a") || name.equals("b"))) {
                node.set(name, readObject(p, mapper, depth + 1));
            } else {
                node.set(name, mapper.readTree(p));
            }
        }
        return node;
    }

    /** Bytes of a category label ("node_modules": dev and prod). */
    public long category(String label) {
        long sum = 0;
        for (var c : Labels.categories(label)) {
            sum += categories.getOrDefault(c.label(), 0L);
        }
        return sum;
    }
}
