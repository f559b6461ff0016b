package dev.imgdiff.cli.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {
    @Test
    void aFailingBudgetHasATableAndTheOffendersOfEachBrokenRule() {
        String md = MarkdownSummary.render(Reports.failing());
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("### ❌ imgdiff budget failed: 3 of 5 rules broken");
        assertThat(md).contains("""
                | | Rule | Limit | Actual |
                |---|---|---:|---:|
                | ❌ | max-size | 400 MB | 412 MB |
                | ✅ | max-layers | 12 | 9 |
                | ❌ | categories.toolchain | 0 B | 187 MB |
                | ❌ | forbid-paths | none | 38 paths, 15.1 MB |
                | ➖ | dive.highestUserWastedPercent | disabled | 25% |
                """);
        assertThat(md).contains("""
                **❌ forbid-paths**: forbidden paths: 38 paths, 15.1 MB (none allowed)

                | Path | Bytes | Files |
                |---|---:|---:|
                | /app/.git | 15.1 MB | 37 |
                """);
        assertThat(md).contains("""
                **❌ categories.toolchain**: toolchain bytes 187 MB exceeds the limit of 0 B

                | Largest | Bytes |
                |---|---:|
                | /usr/lib/gcc/x86\\_64-linux-gnu/12/cc1 | 33.7 MB |
                | /usr/bin/evil\\|name\\\\x1b\\[31m | 10 B |
                """);
        assertThat(md).doesNotContain("\u001b");
    }

    @Test
    void aPassingBudget() {
        String md = MarkdownSummary.render(Reports.passing());
        assertThat(md).isEqualTo("""
                ### ✅ imgdiff budget passed

                Image slim.tar · budget budget.yml · baseline base.json

                | | Rule | Limit | Actual |
                |---|---|---:|---:|
                | ✅ | max-size | 400 MB | 150 MB |
                | ✅ | min-efficiency | 0.95 | 0.9877 |
                | ✅ | max-growth.size | 5% | -2.00 MB (-1%) |
                """);
    }
}
