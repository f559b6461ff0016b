package dev.imgdiff.cli.budget;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.budget.Baseline;
import dev.imgdiff.budget.Budget;
import dev.imgdiff.budget.BudgetEvaluator;
import dev.imgdiff.budget.BudgetReport;
import dev.imgdiff.cli.render.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks an analysed image against a budget, prints the verdicts, writes the JUnit XML and Markdown files
 * asked for, and gives the exit code: 0 when every rule holds, 1 when one is broken.
 *
 * @param budget   the rules
 * @param junit    where to write JUnit XML, or null
 * @param markdown where to write the Markdown summary, or null
 * @param top      offenders to list per broken rule
 */
public record BudgetGate(Budget budget, Path junit, Path markdown, int top) {
    /** Exit code when every rule holds. */
    public static final int PASSED = 0;
    /** Exit code when a rule is broken. */
    public static final int FAILED = 1;

    public BudgetReport evaluate(Analysis image, String imageName, Baseline baseline) {
        return new BudgetEvaluator(top).evaluate(budget, image, imageName, baseline);
    }

    /**
     * @param out   where the summary goes
     * @param color whether to colour it
     * @param err   where to say which files were written
     */
    public int check(Analysis image, String imageName, Baseline baseline, PrintWriter out, boolean color,
                     PrintWriter err) throws IOException {
        BudgetReport report = evaluate(image, imageName, baseline);
        out.print(new BudgetText(new Style(color)).render(report));
        out.flush();
        if (junit != null) {
            write(junit, JUnitXml.render(report), err);
        }
        if (markdown != null) {
            write(markdown, MarkdownSummary.render(report), err);
        }
        return report.passed() ? PASSED : FAILED;
    }

    private static void write(Path file, String text, PrintWriter err) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(text);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot write " + file + ": no such folder", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        err.println("imgdiff: wrote " + file);
        err.flush();
    }
}
