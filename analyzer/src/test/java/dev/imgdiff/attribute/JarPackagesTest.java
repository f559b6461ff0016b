package dev.imgdiff.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.fixtures.GoExecutable;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.LayerSpec;
import dev.imgdiff.fixtures.write.Content;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import dev.imgdiff.report.ImageReport;
import dev.imgdiff.report.ReportBuilder;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ReadOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jars are packages named by the Maven coordinates in their pom.properties, Go executables by the build
 * information Go wrote into them: read in every layer shape, and the same whether or not every file's
 * content is also hashed (--duplicates).
 */
class JarPackagesTest {
    @TempDir
    Path dir;

    static byte[] jar(String... poms) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bos)) {
            zip.putArchiveEntry(new ZipArchiveEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            for (String gav : poms) {
                String[] p = gav.split(":");
                zip.putArchiveEntry(new ZipArchiveEntry("META-INF/maven/" + p[0] + "/" + p[1] + "/pom.properties"));
                zip.write(("groupId=" + p[0] + "\nartifactId=" + p[1] + "\nversion=" + p[2] + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
            zip.putArchiveEntry(new ZipArchiveEntry("com/example/App.class"));
            zip.write(new byte[5000]);
            zip.closeArchiveEntry();
        }
        return bos.toByteArray();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(LayerCompression.values()).flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0}, hashing {1}")
    @MethodSource("shapes")
    void jarsAndGoExecutablesAreNamedByWhatTheyCarry(LayerCompression compression, boolean hashing) throws Exception {
        byte[] app = jar("com.example:app:1.2.3");
        byte[] shaded = jar("org.slf4j:slf4j-api:2.0.9", "com.example:fat:3.0");
        byte[] notAZip = "not a zip at all".repeat(10).getBytes(StandardCharsets.UTF_8);
        GoExecutable server = GoExecutable.module("go1.22.1", "github.com/acme/svc/cmd/server", "github.com/acme/svc", "(devel)");
        GoExecutable gofmt = GoExecutable.command("go1.21.6", "cmd/gofmt").withoutSectionHeaders();
        // a copy of the server's bytes under a name that is read as plain content
        byte[] serverHead = server.head(300_000);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(serverHead);
        Content.writeTo(LayerSpec.seedOf("/usr/local/bin/server", 300_000), 300_000 - serverHead.length, whole);
        byte[] serverBytes = whole.toByteArray();
        ImageSpec spec = ImageSpec.builder("jars").layer("COPY app", l -> l
                .bytes("/app/app-1.2.3.jar", app, "app")
                .bytes("/app/lib/fat-3.0.jar", shaded, "app")
                .bytes("/app/lib/broken.jar", notAZip, "app")
                .bytes("/backup/app.bin", app, "app")
                .goExecutable("/usr/local/bin/server", 300_000, "app", server)
                .goExecutable("/usr/local/go/bin/gofmt", 120_000, "toolchain", gofmt)
                .executable("/usr/local/bin/not-go", 90_000, "app")
                .bytes("/backup/server.bin", serverBytes, "app")).build();
        WrittenImage w = ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, compression, dir.resolve("jars.tar"));
        ReadOptions options = ReadOptions.defaults();
        options = options.withScan(options.scan().withHashContent(hashing));
        Analysis a = new Analyzer(options, null).analyze(ImageReference.parse(w.reference()), InputStream.nullInputStream());
        Map<String, Long> packages = a.packages().totals().stream()
                .collect(Collectors.toMap(t -> t.pkg().key(), PackageAttribution.PackageTotal::bytes));
        assertThat(packages).containsOnly(
                Map.entry("maven:com.example:app@1.2.3", (long) app.length),
                Map.entry("maven:com.example:fat@3.0", (long) shaded.length),
                Map.entry("go:github.com/acme/svc@(devel)", 300_000L),
                Map.entry("go:cmd/gofmt@go1.21.6", 120_000L),
                Map.entry("unowned", notAZip.length + 90_000L + app.length + 300_000L));
        ImageReport r = new ReportBuilder(10).image(a);
        assertThat(r.goBinaries()).containsExactly(
                new ImageReport.GoBinaryRow("/usr/local/bin/server", 300_000, "go1.22.1", "github.com/acme/svc/cmd/server",
                        "github.com/acme/svc", "(devel)", "go:github.com/acme/svc@(devel)"),
                new ImageReport.GoBinaryRow("/usr/local/go/bin/gofmt", 120_000, "go1.21.6", "cmd/gofmt", null, null,
                        "go:cmd/gofmt@go1.21.6"));
        if (hashing) {
            // each jar or Go executable hashes as its plain copy does: the bytes read for its
            // coordinates or build information were hashed too
            assertThat(r.duplicates().groups()).isEqualTo(2);
            assertThat(r.duplicates().savings()).isEqualTo(app.length + 300_000L);
        } else {
            assertThat(r.duplicates()).isNull();
        }
    }
}
