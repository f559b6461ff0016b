package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.bench.LargeImage;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.expect.LayerRecord;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML reports in a real headless Chromium: the page's script ran without an error, the treemap
 * and the layers are drawn with the names the fixture generator recorded, the screenshot is a picture,
 * and a 200,000-file image gives a bounded page that renders too. Under CI=true a missing Chromium fails
 * the test; elsewhere it is skipped with the reason.
 */
class HtmlInChromiumTest {
    @TempDir
    static Path dir;
    static String chromium;

    @BeforeAll
    static void findChromium() {
        chromium = find();
        if (chromium == null) {
            String reason = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason);
            }
            Assumptions.abort(reason);
        }
    }

    private static String find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    @Test
    void nodeComparisonRendersTreemapsAndLayers() throws Exception {
        StackPair p = Stacks.pair("node", 0.01);
        WrittenImage a = ArchiveWriter.write(p.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("a.tar"));
        WrittenImage b = ArchiveWriter.write(p.slim(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("b.tar"));
        ImageRecord ra = Expectations.of(p.naive(), a);
        ImageRecord rb = Expectations.of(p.slim(), b);
        Path html = dir.resolve("node.html");
        Run r = Run.of("--format", "html", "-o", html.toString(), a.reference(), b.reference());
        assertThat(r.code()).as(r.err()).isZero();

        String dom = dumpDom(html);
        assertRendered(dom);
        assertThat(count(dom, "<rect")).as("treemap and layer rectangles").isGreaterThan(40);
        List<String> labels = labels(dom);
        // the largest top-level directory of each image, and its largest subdirectory, by the record
        for (ImageRecord rec : List.of(ra, rb)) {
            String top = largest(ReportFormatsTest.topLevelBytes(rec));
            assertThat(labels).anySatisfy(l -> assertThat(l).startsWith(top + "  "));
            String second = largest(secondLevelBytes(rec, top));
            assertThat(labels).contains(second);
        }
        // every layer's instruction as the generator wrote it (the raw created_by is the row's title)
        String text = unescape(dom);
        for (ImageRecord rec : List.of(ra, rb)) {
            for (LayerRecord l : rec.layers()) {
                assertThat(text).contains("title=\"" + l.createdBy() + "\"");
            }
        }
        assertThat(text).contains("RUN npm ci --omit=dev && npm cache clean --force");
        // the category deltas: one row per category either image has bytes in
        long categories = ra.categories().keySet().stream()
                .filter(c -> ra.categories().get(c).bytes() > 0 || rb.categories().get(c).bytes() > 0).count();
        assertThat(count(dom, "<tr class=\"category-delta\"")).isEqualTo((int) categories);

        Path png = screenshot(html, "report-node.png");
        assertPicture(png);
        // the node_modules.dev colour appears (A has recorded dev dependencies)
        assertThat(ra.categories().get("node_modules.dev").bytes()).isPositive();
        assertThat(colours(png)).contains(0xd62728);
    }

    @Test
    void twoHundredThousandFilesGiveABoundedPageThatRenders() throws Exception {
        ImageSpec spec = LargeImage.spec("large", 200_000, 60_000_000L, 8);
        WrittenImage w = ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("large.tar"));
        Path html = dir.resolve("large.html");
        Run r = Run.of("analyze", "--format", "html", "-o", html.toString(), w.reference());
        assertThat(r.code()).as(r.err()).isZero();
        long size = Files.size(html);
        assertThat(size).as("page bytes").isLessThan(5_000_000L);
        JsonNode data = ReportFormatsTest.embedded(Files.readString(html));
        JsonNode tree = data.get("trees").get(0);
        assertThat(boxes(tree)).isLessThanOrEqualTo(20_000);
        assertThat(tree.get(2).asLong()).isEqualTo(200_000L - removedByLastLayer(spec));
        ReportFormatsTest.checkSums(tree);

        long start = System.nanoTime();
        String dom = dumpDom(html);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertRendered(dom);
        assertThat(count(dom, "<rect")).isGreaterThan(20);
        assertThat(labels(dom)).anySatisfy(l -> assertThat(l).startsWith("usr  "));
        assertThat(millis).as("chromium time").isLessThan(60_000);
        assertPicture(screenshot(html, "report-large.png"));
    }

    @Test
    void hostileNamesStayText() throws Exception {
        WrittenImage w = ArchiveWriter.write(ReportFormatsTest.hostileSpec(), Shape.DOCKER_LEGACY, LayerCompression.NONE,
                dir.resolve("hostile.tar"));
        Path html = dir.resolve("hostile.html");
        Run r = Run.of("analyze", "--format", "html", "-o", html.toString(), w.reference());
        assertThat(r.code()).as(r.err()).isZero();
        String dom = dumpDom(html);
        assertRendered(dom);
        // no element came from a name: the only scripts are the page's two, and there is no <img>
        assertThat(count(dom, "<img")).isZero();
        assertThat(count(dom.toLowerCase(java.util.Locale.ROOT), "<script")).isEqualTo(2);
        // the names are there as text: the layer's command in its row, the directory in the treemap
        assertThat(unescape(dom)).contains("RUN echo '</script><script>alert(2)</script>' | tee \u2029 x".substring(0, 20));
        assertThat(labels(dom)).anySatisfy(l -> assertThat(l).startsWith("<!--<script>|`x`"));
    }

    /** Files the last layer of the large image deletes (LargeImage whites out layer 0's first package). */
    private static long removedByLastLayer(ImageSpec spec) {
        ImageRecord rec = Expectations.of(spec);
        return 200_000L - rec.files();
    }

    private static int boxes(JsonNode box) {
        int n = 1;
        for (JsonNode c : box.get(5)) {
            n += boxes(c);
        }
        return n;
    }

    private static void assertRendered(String dom) {
        Matcher m = Pattern.compile("<body[^>]*data-rendered=\"([a-z]+)\"").matcher(dom);
        assertThat(m.find()).as("body with data-rendered").isTrue();
        String errors = dom.contains("<pre id=\"errors\">") ? dom.substring(dom.indexOf("<pre id=\"errors\">")) : "";
        assertThat(m.group(1)).as(errors.substring(0, Math.min(errors.length(), 2000))).isEqualTo("ok");
        assertThat(dom).contains("<pre id=\"errors\" hidden=\"\"></pre>");
    }

    private static void assertPicture(Path png) throws Exception {
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(img.getHeight()).isEqualTo(1000);
        assertThat(colours(png).size()).as("distinct colours").isGreaterThan(30);
    }

    private static Set<Integer> colours(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        Set<Integer> out = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                out.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return out;
    }

    private static List<String> labels(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text [^>]*class=\"label[^\"]*\"[^>]*>([^<]*)</text>").matcher(dom);
        while (m.find()) {
            out.add(unescape(m.group(1)));
        }
        return out;
    }

    private static Map<String, Long> secondLevelBytes(ImageRecord rec, String top) {
        Map<String, Long> out = new java.util.TreeMap<>();
        rec.paths().forEach((path, p) -> {
            String[] seg = path.substring(1).split("/", 3);
            if (seg[0].equals(top) && seg.length > 1) {
                out.merge(seg[1], p.size(), Long::sum);
            }
        });
        return out;
    }

    private static String largest(Map<String, Long> bytes) {
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String dumpDom(Path html) throws Exception {
        return new String(run(html, "--dump-dom"), StandardCharsets.UTF_8);
    }

    /** A 1400x1000 screenshot, kept in target/ for people to look at. */
    private static Path screenshot(Path html, String name) throws Exception {
        Path png = dir.resolve(name);
        run(html, "--screenshot=" + png);
        Path keep = Path.of("target", "html-reports");
        Files.createDirectories(keep);
        Files.copy(png, keep.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, keep.resolve(name.replace(".png", ".html")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return png;
    }

    private static byte[] run(Path html, String what) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> cmd = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1400,1000", what,
                html.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return out;
    }
}
