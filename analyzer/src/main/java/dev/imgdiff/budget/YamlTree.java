package dev.imgdiff.budget;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML document read into maps, lists and scalars that keep their line and column. */
final class YamlTree {
    private YamlTree() {
    }

    /** Where a node starts (1-based). */
    record Loc(int line, int column) {
        static Loc of(JsonLocation l) {
            return l == null ? new Loc(0, 0) : new Loc(l.getLineNr(), l.getColumnNr());
        }
    }

    sealed interface Node permits MapNode, ListNode, Scalar {
        Loc loc();

        String describe();
    }

    record Entry(String key, Loc keyLoc, Node value) {
    }

    record MapNode(Map<String, Entry> entries, Loc loc) implements Node {
        @Override
        public String describe() {
            return "a map";
        }
    }

    record ListNode(List<Node> items, Loc loc) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * @param text the scalar as written (null for a YAML null)
     */
    record Scalar(String text, JsonToken token, Loc loc) implements Node {
        @Override
        public String describe() {
            return text == null ? "nothing" : "'" + text + "'";
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /**
     * Reads a document; null when it has none (an empty file, or only comments).
     *
     * @throws BudgetException for malformed YAML or a key given twice, with its line and column
     */
    static Node parse(String text, String source) throws BudgetException {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            Node n = read(p, source);
            if (p.nextToken() != null) {
                throw error(source, Loc.of(p.currentTokenLocation()), "more than one YAML document");
            }
            return n;
        } catch (JsonProcessingException e) {
            Loc l = Loc.of(e.getLocation());
            String m = e.getOriginalMessage();
            m = m == null ? "malformed YAML" : m.lines().findFirst().orElse(m).trim();
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                // the problem itself, not the context it was found in
                l = new Loc(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
                if (y.getProblem() != null) {
                    m = y.getProblem().lines().findFirst().orElse(m).trim();
                }
            }
            if (l.line() > 0) {
                String line = text.lines().skip(l.line() - 1).findFirst().orElse("");
                if (l.column() - 1 < line.length() && line.charAt(l.column() - 1) == '*') {
                    m += " (put patterns that start with * in quotes: \"**/.git/**\")";
                }
            }
            throw error(source, l, "malformed YAML: " + m);
        } catch (IOException e) {
            throw new BudgetException(source + ": " + e.getMessage());
        }
    }

    private static Node read(JsonParser p, String source) throws IOException, BudgetException {
        Loc loc = Loc.of(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Loc keyLoc = Loc.of(p.currentTokenLocation());
                p.nextToken();
                Node value = read(p, source);
                if (entries.containsKey(key)) {
                    throw error(source, keyLoc, "'" + key + "' is given twice (first at line "
                            + entries.get(key).keyLoc().line() + ")");
                }
                entries.put(key, new Entry(key, keyLoc, value));
            }
            return new MapNode(entries, loc);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, source));
            }
            return new ListNode(items, loc);
        }
        return new Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), t, loc);
    }

    static BudgetException error(String source, Loc loc, String message) {
        String where = loc.line() > 0 ? source + ":" + loc.line() + ":" + loc.column() : source;
        return new BudgetException(where + ": " + message, loc.line(), loc.column(), null);
    }
}
