package dev.imgdiff.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imgdiff.analysis.Analysis;
import dev.imgdiff.analysis.Analyzer;
import dev.imgdiff.fixtures.ImageSpec;
import dev.imgdiff.fixtures.write.ArchiveWriter;
import dev.imgdiff.fixtures.write.LayerCompression;
import dev.imgdiff.fixtures.write.Shape;
import dev.imgdiff.fixtures.write.WrittenImage;
import dev.imgdiff.source.ImageReference;
import dev.imgdiff.source.ReadOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Jars are packages named by the Maven coordinates in their pom.properties, read in every layer shape. */
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

    @ParameterizedTest
    @EnumSource(LayerCompression.class)
    void jarsAreNamedByTheirCoordinates(LayerCompression compression) throws Exception {
        byte[] app = jar("com.example:app:1.2.3");
        byte[] shaded = jar("org.slf4j:slf4j-api:2.0.9", "com.example:fat:3.0");
        byte[] notAZip = "not a zip at all".repeat(10).getBytes(StandardCharsets.UTF_8);
        ImageSpec spec = ImageSpec.builder("jars").layer("COPY app", l -> l
                .bytes("/app/app-1.2.3.jar", app, "app")
                .bytes("/app/lib/fat-3.0.jar", shaded, "app")
                .bytes("/app/lib/broken.jar", notAZip, "app")).build();
        WrittenImage w = ArchiveWriter.write(spec, Shape.DOCKER_LEGACY, compression, dir.resolve("jars.tar"));
        Analysis a = new Analyzer(ReadOptions.defaults(), null).analyze(ImageReference.parse(w.reference()),
                InputStream.nullInputStream());
        Map<String, Long> packages = a.packages().totals().stream()
                .collect(Collectors.toMap(t -> t.pkg().key(), PackageAttribution.PackageTotal::bytes));
        assertThat(packages).containsEntry("maven:com.example:app@1.2.3", (long) app.length)
                .containsEntry("maven:com.example:fat@3.0", (long) shaded.length)
                .containsEntry("unowned", (long) notAZip.length);
    }
}
