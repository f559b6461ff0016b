package dev.imgdiff.budget;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.CategoryTotal;
import dev.imgdiff.report.ComparisonReport;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.Reports;
import java.io.IOException;
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

    /**
     * Reads an {@code imgdiff analyze --format json} report (of a comparison report, its image B), without
     * its per-path records.
     *
     * @throws BudgetException when it cannot be read or is not a report of a known schema version
     */
    public static Baseline read(Path file) throws BudgetException {
        String name = file.toString();
        Object report;
        try {
            report = new Reports().readSummary(file);
        } catch (IOException e) {
            throw new BudgetException("baseline " + e.getMessage());
        }
        ImageReport image = report instanceof ComparisonReport c ? c.b() : (ImageReport) report;
        if (image == null || image.totals() == null) {
            throw new BudgetException("baseline " + name + ": the report has no totals");
        }
        Map<String, Long> cats = new LinkedHashMap<>();
        if (image.categories() != null) {
            for (ImageReport.CategoryRow c : image.categories()) {
                cats.put(c.name(), c.bytes());
            }
        }
        String ref = image.image() == null || image.image().reference() == null ? "" : image.image().reference();
        ImageReport.Totals t = image.totals();
        return new Baseline(ref.isEmpty() ? name : name + " (" + ref + ")", t.imageSize(), t.compressedSize(),
                t.contentSize(), cats);
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
