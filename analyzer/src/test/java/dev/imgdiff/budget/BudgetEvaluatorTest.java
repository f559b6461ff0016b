package dev.imgdiff.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.fixtures.EntrySpec;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.LayerSpec;
import dev.imgdiff.fixtures.expect.Expectations;
import dev.imgdiff.fixtures.expect.ImageRecord;
import dev.imgdiff.fixtures.expect.PackageRecord;
import dev.imgdiff.fixtures.expect.PathRecord;
import dev.imgdiff.fixtures.stacks.StackPair;
import dev.imgdiff.fixtures.stacks.Stacks;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ReadOptions;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets on the node pair; every expected figure comes from the generator's record or from the spec by hand. */
class BudgetEvaluatorTest {
    @TempDir
    static Path dir;
    static StackPair pair;
    static ImageRecord naiveRecord;
    static ImageRecord slimRecord;
    static Analysis naive;
    static Analysis slim;

    @BeforeAll
    static void images() throws Exception {
        pair = Stacks.pair("node", 0.01);
        WrittenImage wn = ArchiveWriter.write(pair.naive(), Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("naive.tar"));
        WrittenImage ws = ArchiveWriter.write(pair.slim(), Shape.DOCKER_LEGACY, LayerCompression.GZIP, dir.resolve("slim.tar"));
        naiveRecord = Expectations.of(pair.naive(), wn);
        slimRecord = Expectations.of(pair.slim(), ws);
        naive = analyze(wn);
        slim = analyze(ws);
    }

    static Analysis analyze(WrittenImage w) throws Exception {
        return new Analyzer(ReadOptions.defaults(), null).withDive(true)
                .analyze(ImageReference.parse(w.reference()), InputStream.nullInputStream());
    }

    private static Budget budget(String yaml) throws BudgetException {
        Budget.Builder b = new Budget.Builder();
        BudgetParser.parse(yaml, "test.yml", false, b);
        return b.build();
    }

    private static BudgetReport check(String yaml, Analysis a) throws BudgetException {
        return new BudgetEvaluator(5).evaluate(budget(yaml), a, "image", null);
    }

    private static RuleResult only(BudgetReport r) {
        assertThat(r.results()).hasSize(1);
        return r.results().get(0);
    }

    @Test
    void sizeLimitsPassAtTheRecordedFigureAndFailOneByteBelow() throws Exception {
        ImageRecord r = naiveRecord;
        BudgetReport ok = check("max-size: " + r.imageSize() + "\nmax-compressed-size: " + r.compressedSize()
                + "\nmax-content-size: " + r.contentSize() + "\nmax-layers: " + r.layerCount() + "\n", naive);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.results()).extracting(RuleResult::actual).containsExactly(new Figure.Bytes(r.imageSize()),
                new Figure.Bytes(r.compressedSize()), new Figure.Bytes(r.contentSize()), new Figure.Count(r.layerCount()));
        BudgetReport bad = check("max-size: " + (r.imageSize() - 1) + "\nmax-compressed-size: " + (r.compressedSize() - 1)
                + "\nmax-content-size: " + (r.contentSize() - 1) + "\nmax-layers: " + (r.layerCount() - 1) + "\n", naive);
        assertThat(bad.passed()).isFalse();
        assertThat(bad.failures()).isEqualTo(4);
        RuleResult size = bad.results().get(0);
        assertThat(size.rule()).isEqualTo("max-size");
        assertThat(size.limit()).isEqualTo(new Figure.Bytes(r.imageSize() - 1));
        assertThat(size.actual()).isEqualTo(new Figure.Bytes(r.imageSize()));
        // the largest layer leads the offenders
        long biggestLayer = r.layers().stream().mapToLong(l -> l.size()).max().orElseThrow();
        assertThat(size.offenders().get(0).bytes()).isEqualTo(biggestLayer);
    }

    @Test
    void wastedBytesAndShareAndEfficiencyAtExactBoundaries() throws Exception {
        ImageRecord r = naiveRecord;
        assertThat(r.wastedBytes()).isPositive();
        assertThat(only(check("max-wasted: " + r.wastedBytes(), naive)).status()).isEqualTo(RuleResult.Status.PASS);
        RuleResult over = only(check("max-wasted: " + (r.wastedBytes() - 1), naive));
        assertThat(over.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(over.actual()).isEqualTo(new Figure.Bytes(r.wastedBytes()));
        // the percentage just above and just below wasted / image
        BigDecimal pct = BigDecimal.valueOf(r.wastedBytes() * 100).divide(BigDecimal.valueOf(r.imageSize()), 12, RoundingMode.CEILING);
        BigDecimal below = BigDecimal.valueOf(r.wastedBytes() * 100).divide(BigDecimal.valueOf(r.imageSize()), 12, RoundingMode.FLOOR);
        assertThat(below).isLessThan(pct);
        assertThat(only(check("max-wasted: " + pct.toPlainString() + "%", naive)).status()).isEqualTo(RuleResult.Status.PASS);
        RuleResult share = only(check("max-wasted: " + below.toPlainString() + "%", naive));
        assertThat(share.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(share.actual()).isEqualTo(new Figure.Percent((double) r.wastedBytes() / r.imageSize()));
        BigDecimal eff = BigDecimal.valueOf(r.contentSize()).divide(BigDecimal.valueOf(r.imageSize()), 12, RoundingMode.FLOOR);
        BigDecimal effUp = BigDecimal.valueOf(r.contentSize()).divide(BigDecimal.valueOf(r.imageSize()), 12, RoundingMode.CEILING);
        assertThat(only(check("min-efficiency: " + eff.toPlainString(), naive)).status()).isEqualTo(RuleResult.Status.PASS);
        RuleResult low = only(check("min-efficiency: " + effUp.toPlainString(), naive));
        assertThat(low.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(low.actual()).isEqualTo(new Figure.Ratio((double) r.contentSize() / r.imageSize()));
    }

    @Test
    void ignoredWasteIsRecomputedFromTheTree() throws Exception {
        // /root/.npm is deleted in a later layer of the naive build: every byte written below it is waste.
        long npm = 0;
        for (LayerSpec l : pair.naive().layers()) {
            for (EntrySpec e : l.entries()) {
                if (e.path().startsWith("/root/.npm/")) {
                    if (e instanceof EntrySpec.File f) {
                        npm += f.size();
                    } else if (e instanceof EntrySpec.Symlink s) {
                        npm += s.target().getBytes(StandardCharsets.UTF_8).length;
                    }
                }
            }
        }
        assertThat(npm).isPositive();
        assertThat(naiveRecord.paths().keySet()).noneMatch(p -> p.startsWith("/root/.npm/"));
        long expected = naiveRecord.wastedBytes() - npm;
        RuleResult pass = only(check("max-wasted: {limit: " + expected + ", ignore: [\"/root/.npm/**\"]}", naive));
        assertThat(pass.status()).isEqualTo(RuleResult.Status.PASS);
        assertThat(pass.actual()).isEqualTo(new Figure.Bytes(expected));
        assertThat(pass.note()).isEqualTo("ignoring /root/.npm/**");
        RuleResult top = only(check("ignore: [/root]\nmax-wasted: " + (expected - 1), naive));
        assertThat(top.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(top.actual()).isEqualTo(new Figure.Bytes(expected)); // a directory pattern covers what is below it
        assertThat(top.offenders()).noneMatch(o -> o.what().startsWith("/root/"));
    }

    @Test
    void categoryLimitsFromTheRecord() throws Exception {
        long toolchain = naiveRecord.categories().get("toolchain").bytes();
        assertThat(toolchain).isPositive();
        RuleResult fail = only(check("categories: {toolchain: 0}", naive));
        assertThat(fail.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(fail.actual()).isEqualTo(new Figure.Bytes(toolchain));
        assertThat(fail.limit()).isEqualTo(new Figure.Bytes(0));
        PathRecord biggest = naiveRecord.paths().values().stream().filter(p -> p.category().equals("toolchain"))
                .max(Comparator.comparingLong(PathRecord::size)).orElseThrow();
        assertThat(fail.offenders()).hasSize(5);
        assertThat(fail.offenders().get(0).bytes()).isEqualTo(biggest.size());
        assertThat(naiveRecord.paths().get(fail.offenders().get(0).what()).category()).isEqualTo("toolchain");
        // node:20-slim ships node's C headers: the slim image passes once the base image's headers are ignored
        String headers = "/usr/local/include/node/";
        long slimToolchain = slimRecord.categories().get("toolchain").bytes();
        assertThat(slimRecord.paths().entrySet()).filteredOn(e -> e.getValue().category().equals("toolchain"))
                .allMatch(e -> e.getKey().startsWith(headers));
        assertThat(only(check("categories: {toolchain: 0}", slim)).actual()).isEqualTo(new Figure.Bytes(slimToolchain));
        String ignoring = "categories: {toolchain: 0, ignore: [\"" + headers + "**\"]}";
        RuleResult pass = only(check(ignoring, slim));
        assertThat(pass.status()).isEqualTo(RuleResult.Status.PASS);
        assertThat(pass.actual()).isEqualTo(new Figure.Bytes(0));
        assertThat(pass.offenders()).isEmpty();
        long naiveOwn = naiveRecord.paths().entrySet().stream().filter(e -> e.getValue().category().equals("toolchain"))
                .filter(e -> !e.getKey().startsWith(headers)).mapToLong(e -> e.getValue().size()).sum();
        assertThat(naiveOwn).isPositive();
        RuleResult stillFails = only(check(ignoring, naive));
        assertThat(stillFails.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(stillFails.actual()).isEqualTo(new Figure.Bytes(naiveOwn));
        assertThat(naiveRecord.categories().get("node_modules.dev").bytes()).isPositive();
        assertThat(only(check("categories: {node_modules.dev: 0}", slim)).status()).isEqualTo(RuleResult.Status.PASS);
        long dev = naiveRecord.categories().get("node_modules.dev").bytes();
        long prod = naiveRecord.categories().get("node_modules.prod").bytes();
        BudgetReport nm = check("categories: {node_modules: " + (dev + prod) + ", node_modules.dev: " + (dev - 1) + "}", naive);
        assertThat(nm.results()).extracting(RuleResult::actual).containsExactly(new Figure.Bytes(dev + prod), new Figure.Bytes(dev));
        assertThat(nm.results()).extracting(RuleResult::status).containsExactly(RuleResult.Status.PASS, RuleResult.Status.FAIL);
    }

    @Test
    void ignoredPathsLeaveTheCategoryFigures() throws Exception {
        // ignore the directory holding the largest toolchain file
        Map<String, PathRecord> paths = naiveRecord.paths();
        String biggest = paths.entrySet().stream().filter(e -> e.getValue().category().equals("toolchain"))
                .max(Comparator.comparingLong(e -> e.getValue().size())).orElseThrow().getKey();
        String dirOf = biggest.substring(0, biggest.lastIndexOf('/'));
        long expected = paths.entrySet().stream().filter(e -> e.getValue().category().equals("toolchain"))
                .filter(e -> !e.getKey().startsWith(dirOf + "/")).mapToLong(e -> e.getValue().size()).sum();
        assertThat(expected).isLessThan(naiveRecord.categories().get("toolchain").bytes());
        RuleResult r = only(check("categories: {toolchain: " + expected + ", ignore: [\"" + dirOf + "/**\"]}", naive));
        assertThat(r.actual()).isEqualTo(new Figure.Bytes(expected));
        assertThat(r.status()).isEqualTo(RuleResult.Status.PASS);
        assertThat(r.offenders()).noneMatch(o -> o.what().startsWith(dirOf + "/"));
        RuleResult top = only(check("ignore: \"" + dirOf + "/**\"\ncategories: {toolchain: " + (expected - 1) + "}", naive));
        assertThat(top.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(top.actual()).isEqualTo(new Figure.Bytes(expected));
    }

    @Test
    void packageLimitsByNameAndByKey() throws Exception {
        PackageRecord gcc = naiveRecord.packages().values().stream()
                .filter(p -> p.ecosystem().equals("deb") && p.name().startsWith("gcc-"))
                .max(Comparator.comparingLong(PackageRecord::bytes)).orElseThrow();
        long sameName = naiveRecord.packages().values().stream().filter(p -> p.name().equals(gcc.name()))
                .mapToLong(PackageRecord::bytes).sum();
        BudgetReport r = check("packages: {" + gcc.name() + ": 0, \"" + gcc.key() + "\": " + gcc.bytes()
                + ", \"deb:" + gcc.name() + "\": " + (gcc.bytes() - 1) + ", no-such-package: 0}", naive);
        assertThat(r.results()).extracting(RuleResult::actual).containsExactly(new Figure.Bytes(sameName),
                new Figure.Bytes(gcc.bytes()), new Figure.Bytes(gcc.bytes()), new Figure.Bytes(0));
        assertThat(r.results()).extracting(RuleResult::status).containsExactly(RuleResult.Status.FAIL,
                RuleResult.Status.PASS, RuleResult.Status.FAIL, RuleResult.Status.PASS);
        assertThat(r.results().get(0).note()).contains(gcc.key());
        assertThat(r.results().get(3).note()).isEqualTo("no such package in the image");
        assertThat(r.results().get(0).offenders()).isNotEmpty().allSatisfy(o ->
                assertThat(naiveRecord.paths().get(o.what()).size()).isEqualTo(o.bytes()));
        assertThat(slimRecord.packages().values()).noneMatch(p -> p.name().equals(gcc.name()));
        assertThat(only(check("packages: {" + gcc.name() + ": 0}", slim)).status()).isEqualTo(RuleResult.Status.PASS);
    }

    @Test
    void forbiddenPathsFromTheRecord() throws Exception {
        List<String> git = naiveRecord.paths().keySet().stream().filter(p -> p.contains("/.git/")).toList();
        assertThat(git).isNotEmpty();
        long gitBytes = git.stream().mapToLong(p -> naiveRecord.paths().get(p).size()).sum();
        RuleResult r = only(check("forbid-paths: [\"**/.git/**\"]", naive));
        assertThat(r.status()).isEqualTo(RuleResult.Status.FAIL);
        assertThat(((Figure.Paths) r.actual()).bytes()).isEqualTo(gitBytes);
        assertThat(r.offenders()).hasSize(1);
        String gitDir = git.get(0).substring(0, git.get(0).indexOf("/.git/") + 5);
        assertThat(r.offenders().get(0)).isEqualTo(new Offender(gitDir, gitBytes, git.size()));
        // one file, by its exact path
        String one = git.get(0);
        RuleResult exact = only(check("forbid-paths: [\"" + one + "\"]", naive));
        assertThat(exact.actual()).isEqualTo(new Figure.Paths(1, naiveRecord.paths().get(one).size()));
        // ignored, it passes
        RuleResult ignored = only(check("forbid-paths: {paths: [\"**/.git/**\"], ignore: [\"" + gitDir + "\"]}", naive));
        assertThat(ignored.status()).isEqualTo(RuleResult.Status.PASS);
        assertThat(ignored.actual()).isEqualTo(new Figure.Paths(0, 0));
        assertThat(slimRecord.paths().keySet()).noneMatch(p -> p.contains("/.git/"));
        assertThat(only(check("forbid-paths: [\"**/.git/**\"]", slim)).status()).isEqualTo(RuleResult.Status.PASS);
    }

    @Test
    void growthFromNaiveToSlimPassesAndBackFailsByTheExactDifference() throws Exception {
        Baseline fromNaive = Baseline.of("naive", naive);
        Baseline fromSlim = Baseline.of("slim", slim);
        Budget g = budget("max-growth: {size: 0, compressed-size: 0%, categories: {node_modules: 0, toolchain: 1%}}");
        BudgetReport shrink = new BudgetEvaluator(5).evaluate(g, slim, "slim", fromNaive);
        assertThat(shrink.passed()).isTrue();
        assertThat(shrink.results().get(0).actual()).isEqualTo(new Figure.Growth(slimRecord.imageSize() - naiveRecord.imageSize(),
                (double) (slimRecord.imageSize() - naiveRecord.imageSize()) / naiveRecord.imageSize()));
        BudgetReport grow = new BudgetEvaluator(5).evaluate(g, naive, "naive", fromSlim);
        assertThat(grow.failures()).isEqualTo(4);
        long diff = naiveRecord.imageSize() - slimRecord.imageSize();
        assertThat(grow.results().get(0).actual()).isEqualTo(new Figure.Growth(diff, (double) diff / slimRecord.imageSize()));
        long nmDiff = naiveRecord.categories().get("node_modules.dev").bytes() + naiveRecord.categories().get("node_modules.prod").bytes()
                - slimRecord.categories().get("node_modules.dev").bytes() - slimRecord.categories().get("node_modules.prod").bytes();
        assertThat(((Figure.Growth) grow.results().get(2).actual()).bytes()).isEqualTo(nmDiff);
        long tcSlim = slimRecord.categories().get("toolchain").bytes();
        long tcDiff = naiveRecord.categories().get("toolchain").bytes() - tcSlim;
        assertThat(grow.results().get(3).actual()).isEqualTo(new Figure.Growth(tcDiff, (double) tcDiff / tcSlim));
        // from nothing, any growth is beyond a percentage
        Baseline empty = new Baseline("empty", 0, 0, 0, Map.of());
        RuleResult fromNothing = new BudgetEvaluator(5).evaluate(budget("max-growth: {size: 1000%}"), slim, "slim", empty)
                .results().get(0);
        assertThat(fromNothing.actual()).isEqualTo(new Figure.Growth(slimRecord.imageSize(), null));
        assertThat(fromNothing.status()).isEqualTo(RuleResult.Status.FAIL);
        // a limit of exactly the difference passes
        Budget exact = budget("max-growth: {size: " + diff + "}");
        assertThat(new BudgetEvaluator(5).evaluate(exact, naive, "naive", fromSlim).passed()).isTrue();
        Budget short1 = budget("max-growth: {size: " + (diff - 1) + "}");
        assertThat(new BudgetEvaluator(5).evaluate(short1, naive, "naive", fromSlim).passed()).isFalse();
        assertThatThrownBy(() -> new BudgetEvaluator(5).evaluate(exact, naive, "naive", null))
                .hasMessageContaining("needs a baseline");
    }

    @Test
    void diveRulesFailOnlyOnAStrictInequality() throws Exception {
        // Hand-computed the way dive counts: /a seen as 100 and 30, /b as 50 and again 50 (its whiteout, sized by
        // what it deletes), /keep once: wasted 230; efficiency (30 + 50 + 7) / (130 + 100 + 7); user wasted 230 / 30.
        ImageSpec spec = ImageSpec.builder("dive")
                .layer("COPY base", l -> l.file("/a", 100, "app", 1).file("/b", 50, "app", 2).file("/keep", 7, "app", 3))
                .layer("RUN change", l -> l.file("/a", 30, "app", 4).whiteout("/b"))
                .build();
        Analysis a = analyze(ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, LayerCompression.NONE, dir.resolve("dive.tar")));
        double eff = 87.0 / 237.0;
        Budget.Builder b = new Budget.Builder();
        BudgetParser.parse("rules:\n  lowestEfficiency: " + eff + "\n  highestWastedBytes: 230\n  highestUserWastedPercent: 1\n",
                ".dive-ci", true, b);
        BudgetReport equal = new BudgetEvaluator(5).evaluate(b.build(), a, "dive", null);
        assertThat(equal.results()).extracting(RuleResult::rule).containsExactly("dive.lowestEfficiency",
                "dive.highestWastedBytes", "dive.highestUserWastedPercent");
        assertThat(equal.results()).extracting(RuleResult::actual).containsExactly(new Figure.Ratio(eff),
                new Figure.Bytes(230), new Figure.Percent(230.0 / 30.0));
        assertThat(equal.results()).extracting(RuleResult::status).containsExactly(RuleResult.Status.PASS,
                RuleResult.Status.PASS, RuleResult.Status.FAIL);
        Budget.Builder over = new Budget.Builder();
        BudgetParser.parse("rules:\n  lowestEfficiency: 0.368\n  highestWastedBytes: 229B\n  highestUserWastedPercent: disabled\n",
                ".dive-ci", true, over);
        BudgetReport fail = new BudgetEvaluator(5).evaluate(over.build(), a, "dive", null);
        assertThat(fail.results()).extracting(RuleResult::status).containsExactly(RuleResult.Status.FAIL,
                RuleResult.Status.FAIL, RuleResult.Status.SKIP);
        assertThat(fail.skipped()).isEqualTo(1);
    }
}
