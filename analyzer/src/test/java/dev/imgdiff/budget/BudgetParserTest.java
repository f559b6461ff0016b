package dev.imgdiff.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetParserTest {
    @TempDir
    Path dir;

    private static Budget parse(String yaml) throws BudgetException {
        Budget.Builder b = new Budget.Builder();
        BudgetParser.parse(yaml, "b.yml", false, b);
        return b.build();
    }

    private static BudgetException error(String yaml) {
        try {
            parse(yaml);
        } catch (BudgetException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void everyKey() throws Exception {
        Budget b = parse("""
                max-size: 400MB            # image size
                max-compressed-size: 150MiB
                max-content-size: 1.5GB
                max-layers: 12
                max-wasted: 5%
                min-efficiency: 0.95
                categories: {toolchain: 0, cache: 1MB, node_modules.dev: 0, node_modules: 2KiB}
                packages: {gcc-12: 0, "deb:libc6@2.36-9": 10MB, npm:typescript: 1kB}
                forbid-paths: ["**/.git/**", "/root/.npm/**"]
                ignore: ["/usr/share/**"]
                max-growth: {size: 5%, compressed-size: 1MB, content-size: 2%, categories: {node_modules: 10MB, os: 1%}}
                dive: {lowest-efficiency: 0.9, highest-wasted-bytes: 20MB, highestUserWastedPercent: disabled}
                """);
        assertThat(b.maxSize()).isEqualTo(400_000_000L);
        assertThat(b.maxCompressedSize()).isEqualTo(150L * 1_048_576);
        assertThat(b.maxContentSize()).isEqualTo(1_500_000_000L);
        assertThat(b.maxLayers()).isEqualTo(12);
        assertThat(b.maxWasted()).isEqualTo(Amount.ofPercent(new BigDecimal("5")));
        assertThat(b.minEfficiency()).isEqualByComparingTo("0.95");
        assertThat(b.categories()).containsExactly(Map.entry("toolchain", 0L), Map.entry("cache", 1_000_000L),
                Map.entry("node_modules.dev", 0L), Map.entry("node_modules", 2_048L));
        assertThat(b.packages()).containsExactly(Map.entry("gcc-12", 0L), Map.entry("deb:libc6@2.36-9", 10_000_000L),
                Map.entry("npm:typescript", 1_000L));
        assertThat(b.forbidPaths()).containsExactly("**/.git/**", "/root/.npm/**");
        assertThat(b.ignore()).containsExactly("/usr/share/**");
        assertThat(b.growth().size()).isEqualTo(Amount.ofPercent(new BigDecimal("5")));
        assertThat(b.growth().compressedSize()).isEqualTo(Amount.ofBytes(1_000_000));
        assertThat(b.growth().contentSize()).isEqualTo(Amount.ofPercent(new BigDecimal("2")));
        assertThat(b.growth().categories()).containsExactly(Map.entry("node_modules", Amount.ofBytes(10_000_000)),
                Map.entry("os", Amount.ofPercent(BigDecimal.ONE)));
        assertThat(b.dive()).containsExactly(new Budget.DiveRule("lowestEfficiency", "0.9", 0.9),
                new Budget.DiveRule("highestWastedBytes", "20MB", 20_000_000d),
                new Budget.DiveRule("highestUserWastedPercent", "disabled", null));
        assertThat(b.needsDive()).isTrue();
        assertThat(b.needsBaseline()).isTrue();
        assertThat(b.source()).isEqualTo("b.yml");
    }

    @Test
    void plainBytesAndLongForms() throws Exception {
        Budget b = parse("""
                max-size: 123456789
                max-wasted: {limit: 10MB, ignore: /var/lib/apt/lists/**}
                categories:
                  cache: 0
                  ignore: ["/root/.cache/**"]
                forbid-paths:
                  paths: ["*.pem"]
                  ignore: ["/etc/ssl/**"]
                """);
        assertThat(b.maxSize()).isEqualTo(123_456_789L);
        assertThat(b.maxWasted()).isEqualTo(Amount.ofBytes(10_000_000));
        assertThat(b.wastedIgnore()).containsExactly("/var/lib/apt/lists/**");
        assertThat(b.categories()).containsExactly(Map.entry("cache", 0L));
        assertThat(b.categoriesIgnore()).containsExactly("/root/.cache/**");
        assertThat(b.forbidPaths()).containsExactly("*.pem");
        assertThat(b.forbidIgnore()).containsExactly("/etc/ssl/**");
        assertThat(b.needsBaseline()).isFalse();
        assertThat(b.needsDive()).isFalse();
    }

    @Test
    void unknownKeysAreErrorsWithLineAndColumn() {
        BudgetException e = error("max-size: 1GB\n  \nmax-sise: 2GB\n");
        assertThat(e.getMessage()).startsWith("b.yml:3:1: unknown key 'max-sise'").contains("did you mean 'max-size'");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        BudgetException g = error("max-growth:\n  size: 5%\n  sise: 5%\n");
        assertThat(g.getMessage()).startsWith("b.yml:3:3: unknown key 'max-growth.sise'");
        BudgetException c = error("categories:\n  toolchain: 0\n  tools: 0\n");
        assertThat(c.getMessage()).startsWith("b.yml:3:3: unknown category 'tools'").contains("node_modules.dev");
        BudgetException f = error("forbid-paths: {paths: [a], except: [b]}\n");
        assertThat(f.getMessage()).startsWith("b.yml:1:28: unknown key 'forbid-paths.except'");
    }

    @Test
    void badValuesAreErrorsWithLineAndColumn() {
        BudgetException apples = error("max-layers: 3\nmax-size: 12 apples\n");
        assertThat(apples.getMessage()).startsWith("b.yml:2:11: max-size: '12 apples' is not a size");
        assertThat(error("max-size: -5MB\n").getMessage()).startsWith("b.yml:1:11: max-size: '-5MB' is negative");
        assertThat(error("min-efficiency: 1.2\n").getMessage()).startsWith("b.yml:1:17: min-efficiency: '1.2' is more than 1");
        assertThat(error("max-layers: many\n").getMessage()).startsWith("b.yml:1:13: max-layers: 'many' is not a whole number");
        assertThat(error("max-wasted: 5 percent\n").getMessage()).startsWith("b.yml:1:13: max-wasted: '5 percent' is neither");
        assertThat(error("categories: [toolchain]\n").getMessage()).startsWith("b.yml:1:13: categories must be a map");
        assertThat(error("max-size:\n").getMessage()).startsWith("b.yml:1:10: max-size needs a value");
        assertThat(error("max-size: 1GB\nmax-size: 2GB\n").getMessage()).startsWith("b.yml:2:1: 'max-size' is given twice");
        assertThat(error("forbid-paths: [\"/a/[b\"]\n").getMessage()).startsWith("b.yml:1:16: forbid-paths:").contains("unclosed [");
        assertThat(error("# nothing\n").getMessage()).isEqualTo("b.yml: the budget has no rules");
        assertThat(error("{}\n").getMessage()).startsWith("b.yml:1:1: the budget has no rules");
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        BudgetException e = error("max-size: 1GB\ncategories: {toolchain: 0\nmax-layers: 3\n");
        assertThat(e.getMessage()).startsWith("b.yml:").contains("malformed YAML");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(11);
        BudgetException tab = error("max-size: 1GB\n\tmax-layers: 3\n");
        assertThat(tab.getMessage()).startsWith("b.yml:2:1: malformed YAML");
        BudgetException alias = error("forbid-paths: [**/.git/**]\n");
        assertThat(alias.getMessage()).startsWith("b.yml:1:17: malformed YAML").contains("put patterns that start with * in quotes");
    }

    @Test
    void missingFileAndFolder() {
        assertThatThrownBy(() -> BudgetParser.read(dir.resolve("nope.yml")))
                .isInstanceOf(BudgetException.class).hasMessage("cannot read budget " + dir.resolve("nope.yml") + ": no such file");
        assertThatThrownBy(() -> BudgetParser.read(dir))
                .isInstanceOf(BudgetException.class).hasMessageEndingWith(": it is a folder");
    }

    @Test
    void diveCiByNameWithDivesDefaultsForTheRulesLeftOut() throws Exception {
        Path f = dir.resolve(".dive-ci");
        Files.writeString(f, """
                plugins:
                  - plugin1
                rules:
                  lowestEfficiency: 0.95
                  highestWastedBytes: 20Mb
                  plugin1/rule1: error
                """);
        Budget b = BudgetParser.read(f);
        // highestUserWastedPercent is left out: dive's default 0.1 applies
        assertThat(b.dive()).containsExactly(new Budget.DiveRule("lowestEfficiency", "0.95", 0.95),
                new Budget.DiveRule("highestWastedBytes", "20Mb", 20_000_000d),
                new Budget.DiveRule("highestUserWastedPercent", "0.1", 0.1));
        assertThat(b.warnings()).containsExactly(
                f + ":1:1: 'plugins' is not read (dive ignores it too)",
                f + ":6:3: 'rules.plugin1/rule1' is not read (dive ignores it too)");
        assertThat(b.maxSize()).isNull();
        assertThat(b.needsDive()).isTrue();
    }

    @Test
    void diveCiByItsRulesKeyAndDisabledRules() throws Exception {
        Budget b = parse("""
                rules:
                  lowestEfficiency: disabled
                  highestWastedBytes: 1.5 GiB
                  highestUserWastedPercent: "off"
                """);
        assertThat(b.dive()).containsExactly(new Budget.DiveRule("lowestEfficiency", "disabled", null),
                new Budget.DiveRule("highestWastedBytes", "1.5 GiB", 1_610_612_736d),
                new Budget.DiveRule("highestUserWastedPercent", "disabled", null));
        Budget off = parse("rules:\n  lowestEfficiency: false\n  highestWastedBytes: ''\n  highestUserWastedPercent: OFF\n");
        assertThat(off.dive()).allMatch(Budget.DiveRule::disabled).hasSize(3);
        assertThat(off.needsDive()).isFalse();
        // a YAML null keeps dive's default
        Budget nulls = parse("rules:\n  lowestEfficiency:\n");
        assertThat(nulls.dive().get(0)).isEqualTo(new Budget.DiveRule("lowestEfficiency", "0.9", 0.9));
    }

    @Test
    void diveCiBadValues() {
        assertThat(error("rules:\n  lowestEfficiency: 1.5\n").getMessage())
                .isEqualTo("b.yml:2:21: invalid lowestEfficiency: '1.5' is outside the allowed range (0-1)");
        assertThat(error("rules:\n  highestWastedBytes: 20 apples\n").getMessage())
                .isEqualTo("b.yml:2:23: invalid highestWastedBytes: '20 apples': unhandled size name 'apples'");
        assertThat(error("rules:\n  highestUserWastedPercent: 20%\n").getMessage())
                .startsWith("b.yml:2:29: invalid highestUserWastedPercent: '20%' is not a number");
    }

    @Test
    void builderChecksLabelsAndPatterns() {
        Budget.Builder b = new Budget.Builder();
        assertThatThrownBy(() -> b.category("nodemodules", 0)).hasMessageContaining("unknown category 'nodemodules'");
        assertThatThrownBy(() -> b.forbidPaths(List.of("/a/{b"))).hasMessageContaining("unclosed {");
        assertThat(new Budget.Builder().build().isEmpty()).isTrue();
    }
}
