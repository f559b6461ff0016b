package dev.imgdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.cli.render.Sizes;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** imgdiff budget and --budget on a comparison, end to end: exit codes and figures from the generator's records. */
class BudgetCommandTest {
    @TempDir
    static Path dir;
    static WrittenImage naive;
    static WrittenImage slim;
    static ImageRecord rn;
    static ImageRecord rs;

    @BeforeAll
    static void images() throws Exception {
        StackPair pair = Stacks.pair("node", 0.01);
        naive = ArchiveWriter.write(pair.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("naive.tar"));
        slim = ArchiveWriter.write(pair.slim(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("slim.tar"));
        rn = Expectations.of(pair.naive(), naive);
        rs = Expectations.of(pair.slim(), slim);
    }

    private static Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void passesAtTheRecordedSizeAndFailsOneByteBelow() throws Exception {
        Path ok = file("ok.yml", "max-size: " + rn.imageSize() + "\nmax-layers: " + rn.layerCount() + "\n");
        Run pass = Run.of("budget", naive.reference(), "--budget", ok.toString());
        assertThat(pass.code()).as(pass.all()).isZero();
        assertThat(pass.out()).contains("pass  max-size").contains("Budget passed: 2 of 2 rules kept");
        Path tight = file("tight.yml", "max-size: " + (rn.imageSize() - 1) + "\n");
        Run fail = Run.of("budget", naive.reference(), "--budget", tight.toString());
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL  max-size")
                .contains(Sizes.count(rn.imageSize() - 1) + " B").contains(Sizes.count(rn.imageSize()) + " B")
                .contains("Budget failed: 1 of 1 rule broken");
        assertThat(fail.err()).isEmpty();
    }

    @Test
    void rulesAsOptions() {
        long toolchain = rn.categories().get("toolchain").bytes();
        Run fail = Run.of("budget", naive.reference(), "--category", "toolchain=0", "--max-layers", "99");
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL  categories.toolchain  0 B").contains(Sizes.human(toolchain))
                .contains("pass  max-layers");
        assertThat(rs.categories().get("node_modules.dev").bytes()).isZero();
        Run pass = Run.of("budget", slim.reference(), "--category", "node_modules.dev=0", "--forbid-path", "**/.git/**",
                "--max-size", rs.imageSize() + "B");
        assertThat(pass.code()).as(pass.all()).isZero();
        assertThat(pass.out()).contains("pass  forbid-paths");
        Run git = Run.of("budget", naive.reference(), "--forbid-path", "**/.git/**");
        assertThat(git.code()).isEqualTo(1);
        String gitPath = rn.paths().keySet().stream().filter(p -> p.contains("/.git/")).findFirst().orElseThrow();
        assertThat(git.out()).contains(gitPath.substring(0, gitPath.indexOf("/.git/") + 5));
    }

    @Test
    void budgetErrorsAreUsageErrorsOnOneLine() throws Exception {
        Run missing = Run.of("budget", naive.reference(), "--budget", dir.resolve("nope.yml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("imgdiff: cannot read budget " + dir.resolve("nope.yml") + ": no such file\n");
        Path typo = file("typo.yml", "max-size: 1GB\nmax-layer: 3\n");
        Run unknown = Run.of("budget", naive.reference(), "--budget", typo.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("imgdiff: " + typo + ":2:1: unknown key 'max-layer'")
                .contains("did you mean 'max-layers'").hasLineCount(1);
        Path apples = file("apples.yml", "max-size: 12 apples\n");
        Run bad = Run.of("budget", naive.reference(), "--budget", apples.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("imgdiff: " + apples + ":1:11: max-size: '12 apples' is not a size");
        Run option = Run.of("budget", naive.reference(), "--max-size", "-3MB");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("imgdiff: --max-size: '-3MB' is negative: limits are 0 or more\n");
        Run none = Run.of("budget", naive.reference());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no budget rules");
        Run growth = Run.of("budget", naive.reference(), "--max-growth", "5%");
        assertThat(growth.code()).isEqualTo(2);
        assertThat(growth.err()).contains("max-growth needs a baseline");
        Run eff = Run.of("budget", naive.reference(), "--min-efficiency", "1.5");
        assertThat(eff.code()).isEqualTo(2);
        assertThat(eff.err()).contains("'1.5' is more than 1");
    }

    @Test
    void imageErrorsExitThree() {
        Run r = Run.of("budget", dir.resolve("missing.tar").toString(), "--max-size", "1GB");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("imgdiff: error:");
    }

    @Test
    void junitXmlIsValidAndCountsTheRules() throws Exception {
        Path budget = file("j.yml", "max-size: " + rn.imageSize() + "\nmax-wasted: " + (rn.wastedBytes() - 1)
                + "\ncategories: {toolchain: 0, app: " + rn.categories().get("app").bytes() + "}\n"
                + "forbid-paths: [\"**/.git/**\"]\n");
        Path xml = dir.resolve("budget.xml");
        Path md = dir.resolve("budget.md");
        Run r = Run.of("budget", naive.reference(), "--budget", budget.toString(), "--junit", xml.toString(),
                "--markdown", md.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("imgdiff: wrote " + xml).contains("imgdiff: wrote " + md);
        String text = Files.readString(xml);
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        sf.newSchema(getClass().getResource("/junit-jenkins.xsd")).newValidator().validate(new StreamSource(new StringReader(text)));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        List<String> messages = new ArrayList<>();
        NodeList failures = d.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            messages.add(((Element) failures.item(i)).getAttribute("message"));
        }
        assertThat(messages).containsExactly(
                "wasted bytes " + Sizes.count(rn.wastedBytes()) + " B exceeds the limit of " + Sizes.count(rn.wastedBytes() - 1) + " B",
                "toolchain bytes " + Sizes.human(rn.categories().get("toolchain").bytes()) + " exceeds the limit of 0 B",
                messages.get(2));
        assertThat(messages.get(2)).startsWith("forbidden paths: ");
        String markdown = Files.readString(md);
        assertThat(markdown).startsWith("### ❌ imgdiff budget failed: 3 of 5 rules broken")
                .contains("| ✅ | max-size | " + Sizes.human(rn.imageSize()) + " | " + Sizes.human(rn.imageSize()) + " |")
                .contains("| ❌ | categories.toolchain | 0 B | " + Sizes.human(rn.categories().get("toolchain").bytes()) + " |")
                .contains("| Path | Bytes | Files |");
        Run unwritable = Run.of("budget", naive.reference(), "--max-size", "1GB", "--junit",
                dir.resolve("no/such/dir/x.xml").toString());
        assertThat(unwritable.code()).isEqualTo(3);
        assertThat(unwritable.err()).contains("cannot write").contains("no such folder");
    }

    @Test
    void growthAgainstAReportOrAnImage() throws Exception {
        Path report = dir.resolve("slim.json");
        Run saved = Run.of("analyze", "--format", "json", "-o", report.toString(), slim.reference());
        assertThat(saved.code()).as(saved.all()).isZero();
        long diff = rn.imageSize() - rs.imageSize();
        Path g = file("growth.yml", "max-growth: {size: " + (diff - 1) + "}\n");
        Run fromReport = Run.of("budget", naive.reference(), "--budget", g.toString(), "--baseline", report.toString());
        assertThat(fromReport.code()).as(fromReport.all()).isEqualTo(1);
        assertThat(fromReport.out()).contains("FAIL  max-growth.size").contains("+" + Sizes.count(diff) + " B")
                .contains(String.format(java.util.Locale.ROOT, "%,d → %,d bytes", rs.imageSize(), rn.imageSize()));
        Path exact = file("exact.yml", "max-growth: {size: " + diff + "}\n");
        assertThat(Run.of("budget", naive.reference(), "--budget", exact.toString(), "--baseline", report.toString()).code())
                .isZero();
        Run fromImage = Run.of("budget", naive.reference(), "--budget", g.toString(), "--baseline", slim.reference());
        assertThat(fromImage.code()).isEqualTo(1);
        Run shrink = Run.of("budget", slim.reference(), "--max-growth", "0", "--baseline", naive.reference());
        assertThat(shrink.code()).as(shrink.all()).isZero();
        assertThat(shrink.out()).contains(Sizes.signed(-diff));
        Path notReport = file("not-report.json", "{\"hello\": 1}");
        Run bad = Run.of("budget", naive.reference(), "--max-growth", "0", "--baseline", notReport.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not an imgdiff JSON report");
    }

    @Test
    void onAComparisonTheSlimImageIsCheckedAndAIsTheBaseline() throws Exception {
        Path b = file("cmp.yml", "categories: {node_modules.dev: 0}\nmax-growth: {size: 0%}\n");
        Run pass = Run.of(naive.reference(), slim.reference(), "--budget", b.toString());
        assertThat(pass.code()).as(pass.all()).isZero();
        assertThat(pass.out().indexOf("Budget " + b)).isPositive();
        assertThat(pass.out()).contains("pass  categories.node_modules.dev").contains("pass  max-growth.size");
        Run fail = Run.of(slim.reference(), naive.reference(), "--budget", b.toString());
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL  categories.node_modules.dev")
                .contains(Sizes.human(rn.categories().get("node_modules.dev").bytes()));
        // JSON on standard output stays JSON: the summary goes to standard error
        Run json = Run.of("--format", "json", slim.reference(), naive.reference(), "--budget", b.toString());
        assertThat(json.code()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(json.out()).path("kind").asText()).isEqualTo("comparison");
        assertThat(json.err()).contains("FAIL  categories.node_modules.dev");
        Run one = Run.of(naive.reference(), "--max-size", rn.imageSize() + "");
        assertThat(one.code()).isZero();
        Run noBase = Run.of(naive.reference(), "--max-growth", "1%");
        assertThat(noBase.code()).isEqualTo(2);
        assertThat(Run.of(naive.reference(), slim.reference()).code()).isZero();
    }

    @Test
    void diveCiFilesKeepDivesVerdicts() throws Exception {
        // Hand-computed the way dive counts: /a seen as 100 and 30, /b as 50 and again 50 (its whiteout, sized by
        // what it deletes), /keep once: wasted 230; efficiency 87 / 237; user wasted 230 / 30.
        ImageSpec spec = ImageSpec.builder("dive")
                .layer("COPY base", l -> l.file("/a", 100, "app", 1).file("/b", 50, "app", 2).file("/keep", 7, "app", 3))
                .layer("RUN change", l -> l.file("/a", 30, "app", 4).whiteout("/b"))
                .build();
        WrittenImage w = ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("dive.tar"));
        Path sub = Files.createDirectories(dir.resolve("equal"));
        Path ci = sub.resolve(".dive-ci");
        Files.writeString(ci, "rules:\n  lowestEfficiency: " + (87.0 / 237.0) + "\n  highestWastedBytes: 230B\n"
                + "  highestUserWastedPercent: disabled\n");
        Run equal = Run.of("budget", w.reference(), "--budget", ci.toString());
        assertThat(equal.code()).as(equal.all()).isZero();
        assertThat(equal.out()).contains("pass  dive.lowestEfficiency").contains("pass  dive.highestWastedBytes")
                .contains("skip  dive.highestUserWastedPercent").contains("1 skipped");
        Path over = Files.createDirectories(dir.resolve("over")).resolve(".dive-ci");
        Files.writeString(over, "rules:\n  highestWastedBytes: 229\n  highestUserWastedPercent: off\n  lowestEfficiency: off\n");
        Run fail = Run.of("budget", w.reference(), "--budget", over.toString());
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL  dive.highestWastedBytes").contains("229 B").contains("230 B");
        // a file with another name is a .dive-ci by its rules: key; dive's default 0.1 applies to the user percentage
        Path named = file("dive.yml", "rules:\n  lowestEfficiency: 0.3\n");
        Run defaults = Run.of("budget", w.reference(), "--budget", named.toString());
        assertThat(defaults.code()).isEqualTo(1);
        assertThat(defaults.out()).contains("pass  dive.lowestEfficiency").contains("skip  dive.highestWastedBytes")
                .contains("FAIL  dive.highestUserWastedPercent");
    }
}
