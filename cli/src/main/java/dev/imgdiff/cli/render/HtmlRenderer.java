package dev.imgdiff.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.cli.render.html.TreeBox;
import dev.imgdiff.cli.render.html.TreeMaps;
import dev.imgdiff.report.ComparisonReport;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a report as one self-contained HTML page: the page's CSS and script are inlined, the report and
 * the aggregated directory trees are embedded as JSON, and nothing is loaded from the network (the page's
 * Content-Security-Policy forbids it). The script draws a treemap of the final filesystem, the layers as a
 * stacked bar, and for a comparison both images side by side with the category deltas. Strings from the
 * image reach the page only inside the embedded JSON, escaped for a script block, and the script sets
 * them with textContent.
 */
public final class HtmlRenderer {
    private static final String RESOURCES = "/dev/imgdiff/cli/report/";
    private static final Pattern MARKER = Pattern.compile("\\{\\{([A-Z]+)}}");
    private final ObjectMapper mapper = new Reports().mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** One image and the tree of its final filesystem (null: no treemap). */
    public String render(ImageReport r, TreeBox tree) {
        return page("imgdiff: " + MarkdownRenderer.name(r), r, tree == null ? List.of() : List.of(tree));
    }

    /** Two images and their trees (null: no treemaps). */
    public String render(ComparisonReport c, TreeBox a, TreeBox b) {
        List<TreeBox> trees = a == null || b == null ? List.of() : List.of(a, b);
        return page("imgdiff: " + MarkdownRenderer.name(c.a()) + " → " + MarkdownRenderer.name(c.b()), c, trees);
    }

    private String page(String title, Object report, List<TreeBox> trees) {
        String data = scriptSafe(data(report, trees));
        Map<String, String> values = Map.of(
                "TITLE", html(Sanitizer.clean(title)),
                "CSS", resource("report.css"),
                "JS", resource("report.js"),
                "DATA", data);
        String template = resource("report.html");
        Matcher m = MARKER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + data.length() + 65536);
        int at = 0;
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("unknown marker " + m.group() + " in the report template");
            }
            out.append(template, at, m.start()).append(v);
            at = m.end();
        }
        return out.append(template, at, template.length()).toString();
    }

    /** {"report": …, "trees": [[name, bytes, files, category, kind, [children…]], …], "categories": […]} */
    private String data(Object report, List<TreeBox> trees) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.setCodec(mapper);
            g.writeStartObject();
            g.writeFieldName("report");
            mapper.writeValue(g, report);
            g.writeArrayFieldStart("categories");
            for (String c : TreeMaps.CATEGORIES) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("trees");
            for (TreeBox t : trees) {
                writeTree(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** A box as a compact array; iterative, so a deep tree cannot exhaust the stack. */
    private static void writeTree(JsonGenerator g, TreeBox root) throws IOException {
        record Frame(TreeBox box, int next) {
        }
        List<Frame> stack = new ArrayList<>();
        open(g, root);
        stack.add(new Frame(root, 0));
        while (!stack.isEmpty()) {
            Frame f = stack.remove(stack.size() - 1);
            if (f.next() < f.box().children().size()) {
                stack.add(new Frame(f.box(), f.next() + 1));
                TreeBox child = f.box().children().get(f.next());
                open(g, child);
                stack.add(new Frame(child, 0));
            } else {
                g.writeEndArray(); // children
                g.writeEndArray(); // box
            }
        }
    }

    private static void open(JsonGenerator g, TreeBox b) throws IOException {
        g.writeStartArray();
        g.writeString(b.name());
        g.writeNumber(b.bytes());
        g.writeNumber(b.files());
        g.writeNumber(b.category());
        g.writeNumber(b.kind().ordinal());
        g.writeStartArray();
    }

    /**
     * JSON made safe inside a {@code <script>} element: no {@code </script>}, {@code <!--} or {@code ]]>}
     * can form, and the line separators U+2028/U+2029 and lone surrogates (invalid UTF-8 in a name) are
     * escaped. All of these occur only inside JSON strings, where the escapes mean the same characters.
     */
    static String scriptSafe(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length()
                            && Character.isLowSurrogate(json.charAt(i + 1));
                    if (pair) {
                        sb.append(c).append(json.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c)); // a lone surrogate cannot be written as UTF-8
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
