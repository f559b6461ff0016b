package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.expect.PathRecord;
import dev.imgdiff.fixtures.hostile.HostileArchives;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --format markdown and --format html, checked against what the fixture generator recorded. */
class ReportFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A file name that tries to end the script block, open a comment, inject markup and break a table. */
    static final String HOSTILE_DIR = "/app/<!--<script>|`x`";
    static final String HOSTILE_FILE = HOSTILE_DIR + "/<\u2028/script><img src=x onerror=alert(1)>.js";
    static final String HOSTILE_COMMAND = "/bin/sh -c echo '</script><script>alert(2)</script>' | tee \u2029 x";

    @TempDir
    static Path dir;
    static WrittenImage naive;
    static WrittenImage slim;
    static ImageRecord naiveRecord;
    static ImageRecord slimRecord;
    static WrittenImage hostile;

    @BeforeAll
    static void images() throws Exception {
        StackPair p = Stacks.pair("node", 0.01);
        naive = ArchiveWriter.write(p.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("naive.tar"));
        slim = ArchiveWriter.write(p.slim(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("slim.tar"));
        naiveRecord = Expectations.of(p.naive(), naive);
        slimRecord = Expectations.of(p.slim(), slim);
        hostile = ArchiveWriter.write(hostileSpec(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("hostile.tar"));
    }

    static ImageSpec hostileSpec() {
        return ImageSpec.builder("hostile-markup")
                .tag("imgdiff-fixture/hostile-markup:1")
                .layer("ADD rootfs.tar /", l -> l.dirs("/etc", "/bin")
                        .text("/etc/os-release", "ID=fixture\n", "os")
                        .file("/bin/busybox", 40_000, "os"))
                .layer(HOSTILE_COMMAND, l -> l.dir("/app").file(HOSTILE_FILE, 9_000_000, "app")
                        .file("/app/pipe|and*stars_[x](y)~$z$.txt", 5_000_000, "app"))
                .build();
    }

    @Test
    void markdownComparisonCarriesTheRecordedTotals() {
        Run r = Run.of("--format", "markdown", naive.reference(), slim.reference());
        assertThat(r.code()).as(r.err()).isZero();
        String md = r.out();
        assertThat(md).startsWith("### imgdiff: imgdiff-demo/node-naive:1 → imgdiff-demo/node-slim:1");
        long d = slimRecord.imageSize() - naiveRecord.imageSize();
        assertThat(md).contains("| image size | " + Sizes.human(naiveRecord.imageSize()) + " | "
                + Sizes.human(slimRecord.imageSize()) + " | **" + Sizes.signed(d) + "** |");
        assertThat(md).contains("**" + Sizes.ratio(naiveRecord.imageSize(), slimRecord.imageSize()) + "**");
        assertThat(md).contains("| files | " + Sizes.count(naiveRecord.files()) + " | " + Sizes.count(slimRecord.files()));
        // every category with bytes in either image, with the recorded figures (names escaped: node\_modules)
        naiveRecord.categories().forEach((name, c) -> {
            long b = slimRecord.categories().get(name).bytes();
            if (c.bytes() > 0 || b > 0) {
                assertThat(md).contains("| " + name.replace("_", "\\_") + " | " + Sizes.human(c.bytes()) + " | "
                        + Sizes.human(b) + " | " + Sizes.signed(b - c.bytes()) + " |");
            }
        });
        assertThat(md).contains("#### Largest changes").contains("#### Packages").contains("#### Advice");
        assertThat(md).contains("✅ fixed");
        assertTablesAreWellFormed(md);
    }

    @Test
    void markdownSingleImageSummary() {
        Run r = Run.of("analyze", "--format", "markdown", "--top", "3", naive.reference());
        assertThat(r.code()).as(r.err()).isZero();
        String md = r.out();
        assertThat(md).contains("| image size | **" + Sizes.human(naiveRecord.imageSize()) + "** |");
        assertThat(md).contains("| content | " + Sizes.human(naiveRecord.contentSize()) + " |");
        assertThat(md).contains("| wasted | " + Sizes.human(naiveRecord.wastedBytes()) + " (");
        assertThat(md).contains("#### Layers").contains("| " + naiveRecord.layers().size() + " | ");
        long largest = naiveRecord.paths().values().stream().mapToLong(PathRecord::size).max().orElseThrow();
        assertThat(md).contains("#### Largest files\n\n| bytes | category | file |\n|--:|---|---|\n| "
                + Sizes.human(largest) + " |");
        String files = md.substring(md.indexOf("#### Largest files"));
        files = files.substring(0, files.indexOf("\n\n####"));
        assertThat(files.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(1 + 3);
        assertTablesAreWellFormed(md);
    }

    @Test
    void markdownEscapesWhatTheImageNames() {
        Run r = Run.of("analyze", "--format", "markdown", hostile.reference());
        assertThat(r.code()).as(r.err()).isZero();
        String md = r.out();
        assertThat(md).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<!--")
                .doesNotContain("\u2028").doesNotContain("\u2029");
        assertThat(md).contains("/app/&lt;!--&lt;script&gt;\\|\\`x\\`/&lt;\\\\u2028/script&gt;&lt;img src=x onerror=alert(1)&gt;.js");
        assertThat(md).contains("/app/pipe\\|and\\*stars\\_\\[x\\](y)\\~\\$z\\$.txt");
        assertTablesAreWellFormed(md);

        Run text = Run.of("analyze", "--format", "markdown", HostileArchivesPath.hostileText(dir));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r")
                .contains("\\x1b");
        assertTablesAreWellFormed(text.out());
    }

    @Test
    void htmlIsOneSelfContainedFileWithItsDataEscaped() throws Exception {
        Path out = dir.resolve("hostile.html");
        Run r = Run.of("analyze", "--format", "html", "-o", out.toString(), hostile.reference());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>");
        // the only script ends are the two the page has: the data and the code
        assertThat(count(html.toLowerCase(Locale.ROOT), "</script")).isEqualTo(2);
        assertThat(count(html, "<!--")).isZero();
        assertThat(html).doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("<img");
        // nothing is fetched: no external resources of any kind, and a policy that forbids them
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        String page = html.replaceAll("(?s)(id=\"imgdiff-data\">).*?(</script>)", "$1$2");
        assertThat(page).doesNotContain("largestFiles");
        assertThat(page).doesNotContainPattern("(?i)<(link|iframe|object|embed|img|audio|video)\\b")
                .doesNotContainPattern("(?i)\\b(src|href)\\s*=").doesNotContainPattern("(?i)@import|url\\(");
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://");
        // the page script sets names with textContent only
        assertThat(html).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write");
        // the embedded data round-trips: the hostile names come back exactly
        JsonNode data = embedded(html);
        assertThat(data.at("/report/largestFiles/0/path").asText()).isEqualTo(HOSTILE_FILE);
        assertThat(data.at("/report/layers/1/createdBy").asText()).isEqualTo(HOSTILE_COMMAND);
        ReportSchema.check(JSON.writeValueAsString(data.get("report")));
    }

    @Test
    void htmlTreeHoldsTheRecordedBytes() throws Exception {
        Path out = dir.resolve("node.html");
        Run r = Run.of("--format", "html", "-o", out.toString(), naive.reference(), slim.reference());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode data = embedded(Files.readString(out));
        assertThat(data.get("trees")).hasSize(2);
        checkTree(data.get("trees").get(0), naiveRecord);
        checkTree(data.get("trees").get(1), slimRecord);
    }

    /** The tree's root carries the recorded content; top-level directories their recorded bytes; sums add up. */
    static void checkTree(JsonNode root, ImageRecord rec) {
        assertThat(root.get(0).asText()).isEqualTo("/");
        assertThat(root.get(1).asLong()).isEqualTo(rec.contentSize());
        assertThat(root.get(2).asLong()).isEqualTo(rec.files());
        Map<String, Long> top = topLevelBytes(rec);
        for (JsonNode child : root.get(5)) {
            if (child.get(4).asInt() != 3) {
                assertThat(child.get(1).asLong()).as(child.get(0).asText()).isEqualTo(top.get(child.get(0).asText()));
            }
        }
        checkSums(root);
    }

    static void checkSums(JsonNode box) {
        if (box.get(4).asInt() == 1) { // an expanded directory: its boxes, the folded one included, add up to it
            long sum = 0;
            long files = 0;
            for (JsonNode c : box.get(5)) {
                sum += c.get(1).asLong();
                files += c.get(2).asLong();
                checkSums(c);
            }
            assertThat(sum).as("bytes below " + box.get(0).asText()).isEqualTo(box.get(1).asLong());
            assertThat(files).as("files below " + box.get(0).asText()).isLessThanOrEqualTo(box.get(2).asLong());
        } else {
            assertThat(box.get(5)).isEmpty();
        }
    }

    /** Bytes per top-level directory (or top-level file), from the record's paths. */
    static Map<String, Long> topLevelBytes(ImageRecord rec) {
        Map<String, Long> out = new TreeMap<>();
        rec.paths().forEach((path, p) -> {
            String first = path.substring(1).split("/", 2)[0];
            out.merge(first, p.size(), Long::sum);
        });
        return out;
    }

    static JsonNode embedded(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"imgdiff-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        return JSON.readTree(m.group(1));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Every row of a table has as many cells as its header: no unescaped | from a name split a row. */
    static void assertTablesAreWellFormed(String md) {
        int columns = -1;
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.replace("\\\\", "").replace("\\|", "").split("\\|", -1).length - 2;
            if (columns < 0) {
                columns = cells;
            }
            assertThat(cells).as(line).isEqualTo(columns);
        }
    }

    /** Writes the hostile-text image (escapes in its tag, label and created_by). */
    static final class HostileArchivesPath {
        static String hostileText(Path dir) {
            try {
                Path p = dir.resolve("hostile-text.tar");
                if (!Files.exists(p)) {
                    ArchiveWriter.write(HostileArchives.hostileTextSpec(), Shape.DOCKER_LEGACY, LayerCompression.NONE, p);
                }
                return p.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

}
