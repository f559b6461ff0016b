package dev.imgdiff.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the small JSON documents of image formats, with errors that say where. */
final class Json {
    /** Manifests, indexes and configs above this size are refused. */
    static final int MAX_DOCUMENT = 16 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxStringLength(MAX_DOCUMENT).build())
            .build()).build();

    private Json() {
    }

    static JsonNode parse(byte[] bytes, String what) throws ImageException {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || n.isMissingNode()) {
                throw new ImageException(Kind.MALFORMED, "malformed " + what + ": empty document");
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String m = String.valueOf(e.getOriginalMessage());
            for (String cut : new String[]{" (start marker", "\n", " at [Source"}) {
                int i = m.indexOf(cut);
                if (i > 0) {
                    m = m.substring(0, i);
                }
            }
            throw new ImageException(Kind.MALFORMED, "malformed " + what + where + ": " + m, e);
        } catch (java.io.IOException e) {
            throw new ImageException(Kind.MALFORMED, "malformed " + what + ": " + e.getMessage(), e);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    static Map<String, String> stringMap(JsonNode n, String field) {
        JsonNode v = n.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
