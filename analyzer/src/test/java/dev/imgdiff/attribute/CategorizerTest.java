package dev.imgdiff.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.layer.Compression;
import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.layer.LayerEntry;
import dev.imgdiff.layer.LayerScan;
import dev.imgdiff.tree.FileTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's category rules, path by path. Layer 0 is the base image; layer 1 the app. */
class CategorizerTest {
    private static final String LOCK = """
            {"name":"app","lockfileVersion":3,"packages":{
              "node_modules/typescript":{"version":"5.4.5","dev":true},
              "node_modules/express":{"version":"4.19.2"},
              "node_modules/@types/node":{"version":"20.1.0","dev":true},
              "node_modules/express/node_modules/debug":{"version":"2.6.9"},
              "node_modules/jest/node_modules/debug":{"version":"4.3.4","dev":true}}}
            """;

    private static Categorizer categorizer() {
        List<LayerEntry> base = List.of(
                new LayerEntry("/usr/lib/jvm/java-17/bin/javac", EntryKind.FILE, 1, null, 0755),
                new LayerEntry("/usr/lib/jvm/jre-17/bin/java", EntryKind.FILE, 1, null, 0755),
                new LayerEntry("/usr/local/bin/node", EntryKind.FILE, 1, null, 0755));
        List<LayerEntry> app = List.of(
                new LayerEntry("/app/dist/index.js", EntryKind.FILE, 1, null, 0644),
                new LayerEntry("/app/node_modules/.package-lock.json", EntryKind.FILE, LOCK.length(), null, 0644),
                new LayerEntry("/srv/src/main.c", EntryKind.FILE, 1, null, 0644));
        byte[] lock = LOCK.getBytes(StandardCharsets.UTF_8);
        FileTree tree = FileTree.build(List.of(
                new LayerScan(base, Map.of(), 3, -1, Compression.NONE, null, List.of()),
                new LayerScan(app, Map.of("/app/node_modules/.package-lock.json", lock), 2 + lock.length, -1,
                        Compression.NONE, null, List.of())));
        return new Categorizer(tree, 1);
    }

    @ParameterizedTest(name = "{0} (layer {1}) is {2}")
    @CsvSource({
        "/app/node_modules/typescript/lib/tsc.js, 1, node_modules.dev",
        "/app/node_modules/@types/node/index.d.ts, 1, node_modules.dev",
        "/app/node_modules/express/index.js, 1, node_modules.prod",
        "/app/node_modules/express/node_modules/debug/src/index.js, 1, node_modules.prod",
        "/app/node_modules/jest/node_modules/debug/src/index.js, 1, node_modules.dev",
        "/app/node_modules/.package-lock.json, 1, node_modules.prod",
        "/app/node_modules/.bin/tsc, 1, node_modules.prod",
        "/usr/local/lib/node_modules/npm/index.js, 0, os",
        "/usr/local/lib/node_modules/npm/index.js, 1, app",
        "/usr/lib/gcc/x86_64-linux-gnu/12/cc1, 1, toolchain",
        "/usr/bin/x86_64-linux-gnu-gcc-12, 0, toolchain",
        "/usr/bin/gcc-12, 1, toolchain",
        "/usr/bin/ld.bfd, 1, toolchain",
        "/usr/include/stdio.h, 0, toolchain",
        "/usr/lib/x86_64-linux-gnu/libc.a, 1, toolchain",
        "/usr/local/go/bin/go, 0, toolchain",
        "/usr/lib/jvm/java-17/lib/modules, 0, toolchain",
        "/usr/lib/jvm/jre-17/lib/modules, 0, os",
        "/usr/local/lib/python3.12/config-3.12-x86_64-linux-gnu/libpython3.12.a, 0, toolchain",
        "/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease, 1, cache",
        "/root/.npm/_cacache/index-v5/00/ab, 1, cache",
        "/root/.cache/go-build/00/abc-d, 1, cache",
        "/root/.cache/pip/http-v2/a/b, 1, cache",
        "/go/pkg/mod/github.com/x/y@v1.0.0/y.go, 1, cache",
        "/root/.m2/repository/org/x/x.jar, 1, cache",
        "/app/.git/objects/pack/pack-1.pack, 1, vcs+source",
        "/app/src/index.ts, 1, vcs+source",
        "/srv/src/main.c, 1, vcs+source",
        "/app/test/app.test.ts, 1, vcs+source",
        "/app/types/x.d.ts, 1, app",
        "/app/dist/index.js, 1, app",
        "/usr/share/doc/gcc-12/copyright, 0, docs",
        "/usr/share/man/man1/ls.1.gz, 1, docs",
        "/usr/share/locale/de/LC_MESSAGES/x.mo, 1, docs",
        "/etc/passwd, 1, os",
        "/usr/lib/x86_64-linux-gnu/libpq.so.5, 1, os",
        "/usr/local/bin/node, 0, os",
        "/usr/local/bin/server, 1, app",
        "/app/main.py, 1, app",
        "/usr/share/zoneinfo/UTC, 1, os",
    })
    void categorizesByTheReadmeRules(String path, int layer, String expected) {
        assertThat(categorizer().of(path, layer).label()).isEqualTo(expected);
    }

    @Test
    void withoutALockfileThePackageJsonDecides() {
        byte[] pkg = """
                {"dependencies":{"express":"^4"},"devDependencies":{"typescript":"^5","express":"^4"}}
                """.getBytes(StandardCharsets.UTF_8);
        FileTree tree = FileTree.build(List.of(new LayerScan(
                List.of(new LayerEntry("/w/package.json", EntryKind.FILE, pkg.length, null, 0644)),
                Map.of("/w/package.json", pkg), pkg.length, -1, Compression.NONE, null, List.of())));
        Categorizer c = new Categorizer(tree, 0);
        assertThat(c.of("/w/node_modules/typescript/lib/a.js", 0)).isEqualTo(Category.NODE_MODULES_DEV);
        assertThat(c.of("/w/node_modules/typescript/node_modules/x/a.js", 0)).isEqualTo(Category.NODE_MODULES_DEV);
        assertThat(c.of("/w/node_modules/express/a.js", 0)).isEqualTo(Category.NODE_MODULES_PROD);
        assertThat(c.of("/w/node_modules/left-pad/a.js", 0)).isEqualTo(Category.NODE_MODULES_PROD);
    }

    @Test
    void anUnreadableLockfileFallsBackToProdWithAWarning() {
        byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
        FileTree tree = FileTree.build(List.of(new LayerScan(
                List.of(new LayerEntry("/a/node_modules/.package-lock.json", EntryKind.FILE, bad.length, null, 0644)),
                Map.of("/a/node_modules/.package-lock.json", bad), bad.length, -1, Compression.NONE, null, List.of())));
        Categorizer c = new Categorizer(tree, 0);
        assertThat(c.of("/a/node_modules/x/i.js", 0)).isEqualTo(Category.NODE_MODULES_PROD);
        assertThat(c.warnings()).singleElement().asString().contains("unreadable npm lockfile");
    }
}
