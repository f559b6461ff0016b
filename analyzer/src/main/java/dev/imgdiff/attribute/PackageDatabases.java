package dev.imgdiff.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imgdiff.layer.EntryPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the package databases captured during the scan — dpkg ({@code status} with
 * {@code info/*.list}, and distroless {@code status.d/}), apk ({@code /lib/apk/db/installed}), pip
 * ({@code *.dist-info/RECORD} with {@code METADATA}) and npm ({@code node_modules/.../package.json}) —
 * into claims: which package says it installed which path. A database that cannot be read is skipped
 * with a warning; its files stay unowned.
 */
final class PackageDatabases {
    static final String DPKG_STATUS = "/var/lib/dpkg/status";
    static final String DPKG_INFO = "/var/lib/dpkg/info/";
    static final String DPKG_STATUS_D = "/var/lib/dpkg/status.d/";
    static final String APK_INSTALLED = "/lib/apk/db/installed";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> warnings = new ArrayList<>();
    /** Paths claimed by each ecosystem, in precedence order. */
    final Map<String, Package> deb = new HashMap<>();
    final Map<String, Package> apk = new HashMap<>();
    final Map<String, Package> pypi = new HashMap<>();
    /** npm package directories ("/app/node_modules/express") and their package (UNOWNED when unreadable). */
    final Map<String, Package> npmDirs = new HashMap<>();
    /** Jars with Maven coordinates (from their pom.properties). */
    final Map<String, Package> maven = new HashMap<>();
    /** Go executables with the build information Go wrote into them. */
    final Map<String, dev.imgdiff.layer.GoBuildInfo.Info> go = new HashMap<>();

    /** Whether the scan must read a file for these databases. */
    static boolean wanted(String path) {
        char last = path.charAt(path.length() - 1);
        if (last != 't' && last != 'D' && last != 'A' && last != 'n' && last != 'O' && last != 'd'
                && last != 's' && last != 'm' && !path.startsWith(DPKG_STATUS_D)) {
            // none of: .list .txt RECORD METADATA .json PKG-INFO installed status .md5sums
            return false;
        }
        if (path.startsWith("/var/lib/dpkg/") || path.startsWith("/usr/lib/dpkg/")) {
            return path.equals(DPKG_STATUS) || path.startsWith(DPKG_INFO) && path.endsWith(".list")
                    || path.startsWith(DPKG_STATUS_D);
        }
        if (path.equals(APK_INSTALLED)) {
            return true;
        }
        if (path.endsWith("/RECORD") || path.endsWith("/METADATA")) {
            return path.contains(".dist-info/");
        }
        if (path.endsWith("/installed-files.txt") || path.endsWith("/PKG-INFO")) {
            return path.contains(".egg-info/");
        }
        return path.endsWith("/package.json") && npmPackageDir(path) != null;
    }

    List<String> warnings() {
        return warnings;
    }

    void read(Map<String, byte[]> captured) {
        readDpkg(captured);
        readApk(captured.get(APK_INSTALLED));
        for (Map.Entry<String, byte[]> e : captured.entrySet()) {
            String path = e.getKey();
            if (path.endsWith("/RECORD") && path.contains(".dist-info/")) {
                readRecord(path, e.getValue(), captured);
            } else if (path.endsWith("/installed-files.txt") && path.contains(".egg-info/")) {
                readEggInfo(path, e.getValue(), captured);
            } else if (path.endsWith("/package.json")) {
                readNpm(path, e.getValue());
            } else if (path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear")) {
                readPomProperties(path, e.getValue());
            } else if (dev.imgdiff.layer.GoBuildInfo.isBlob(e.getValue())) {
                dev.imgdiff.layer.GoBuildInfo.Info info = dev.imgdiff.layer.GoBuildInfo.parse(e.getValue());
                if (info != null) {
                    go.put(path, info);
                }
            }
        }
    }

    /** The package directory a node_modules package.json sits in, or null when it is not a package's own. */
    static String npmPackageDir(String packageJson) {
        String dir = EntryPaths.parent(packageJson);
        if (EntryPaths.baseName(dir).startsWith(".")) {
            return null;
        }
        String parent = EntryPaths.parent(dir);
        String grand = EntryPaths.parent(parent);
        if (parent.endsWith("/node_modules")) {
            return dir;
        }
        if (grand.endsWith("/node_modules") && EntryPaths.baseName(parent).startsWith("@")) {
            return dir;
        }
        return null;
    }

    private void readDpkg(Map<String, byte[]> captured) {
        byte[] status = captured.get(DPKG_STATUS);
        if (status != null) {
            for (Map<String, String> p : paragraphs(DPKG_STATUS, status)) {
                String name = p.get("Package");
                String version = p.get("Version");
                String state = p.getOrDefault("Status", "install ok installed");
                if (name == null || version == null || !state.endsWith("installed") || state.contains("not-installed")) {
                    continue;
                }
                Package pkg = new Package("deb", name, version);
                byte[] list = captured.get(DPKG_INFO + name + ".list");
                if (list == null && p.containsKey("Architecture")) {
                    list = captured.get(DPKG_INFO + name + ":" + p.get("Architecture") + ".list");
                }
                if (list != null) {
                    String text = text(DPKG_INFO + name + ".list", list);
                    if (text != null) {
                        for (String line : text.split("\n")) {
                            if (line.startsWith("/")) {
                                deb.putIfAbsent(EntryPaths.normalize(line), pkg);
                            }
                        }
                    }
                }
            }
        }
        // distroless: one status paragraph per file in status.d/, files in status.d/NAME.md5sums
        for (Map.Entry<String, byte[]> e : captured.entrySet()) {
            String path = e.getKey();
            if (!path.startsWith(DPKG_STATUS_D) || path.endsWith(".md5sums")) {
                continue;
            }
            for (Map<String, String> p : paragraphs(path, e.getValue())) {
                String name = p.get("Package");
                String version = p.get("Version");
                if (name == null || version == null) {
                    continue;
                }
                Package pkg = new Package("deb", name, version);
                byte[] sums = captured.get(path + ".md5sums");
                String text = sums == null ? null : text(path + ".md5sums", sums);
                if (text != null) {
                    for (String line : text.split("\n")) {
                        int sp = line.indexOf("  ");
                        if (sp > 0) {
                            deb.putIfAbsent(EntryPaths.normalize("/" + line.substring(sp + 2).strip()), pkg);
                        }
                    }
                }
            }
        }
    }

    private void readApk(byte[] installed) {
        if (installed == null) {
            return;
        }
        String text = text(APK_INSTALLED, installed);
        if (text == null) {
            return;
        }
        String name = null;
        String version = null;
        String dir = "";
        List<String> files = new ArrayList<>();
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (name != null && version != null) {
                    Package pkg = new Package("apk", name, version);
                    files.forEach(f -> apk.putIfAbsent(f, pkg));
                }
                name = null;
                version = null;
                dir = "";
                files.clear();
            } else if (line.startsWith("P:")) {
                name = line.substring(2);
            } else if (line.startsWith("V:")) {
                version = line.substring(2);
            } else if (line.startsWith("F:")) {
                dir = line.substring(2);
            } else if (line.startsWith("R:")) {
                files.add(EntryPaths.normalize("/" + dir + "/" + line.substring(2)));
            }
        }
    }

    private void readRecord(String record, byte[] data, Map<String, byte[]> captured) {
        String distInfo = EntryPaths.parent(record);
        String sitePackages = EntryPaths.parent(distInfo);
        Map<String, String> meta = metadata(captured.get(distInfo + "/METADATA"), distInfo + "/METADATA");
        String name = meta.get("Name");
        String version = meta.get("Version");
        if (name == null || version == null) {
            String base = EntryPaths.baseName(distInfo);
            base = base.substring(0, base.length() - ".dist-info".length());
            int dash = base.lastIndexOf('-');
            if (dash <= 0) {
                warnings.add("unreadable pip metadata " + distInfo + ": its files count as unowned");
                return;
            }
            name = base.substring(0, dash);
            version = base.substring(dash + 1);
        }
        String text = text(record, data);
        if (text == null) {
            return;
        }
        Package pkg = new Package("pypi", name, version);
        int bad = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String file = csvFirst(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (file == null) {
                bad++;
                continue;
            }
            pypi.putIfAbsent(EntryPaths.normalize(sitePackages + "/" + file), pkg);
        }
        if (bad > 0) {
            warnings.add(record + ": " + bad + " malformed lines; the files they name count as unowned");
        }
    }

    private void readEggInfo(String listFile, byte[] data, Map<String, byte[]> captured) {
        String eggInfo = EntryPaths.parent(listFile);
        Map<String, String> meta = metadata(captured.get(eggInfo + "/PKG-INFO"), eggInfo + "/PKG-INFO");
        String name = meta.get("Name");
        String version = meta.get("Version");
        String text = text(listFile, data);
        if (name == null || version == null || text == null) {
            return;
        }
        Package pkg = new Package("pypi", name, version);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                pypi.putIfAbsent(EntryPaths.normalize(eggInfo + "/" + line.strip()), pkg);
            }
        }
    }

    /** The scan keeps a jar's pom.properties under the jar's path. */
    /**
     * The package a Go executable is: its main module at the module's version; the Go distribution's
     * own commands ({@code cmd/go}) at the Go version; a build outside module mode at "unknown".
     */
    static Package goPackage(dev.imgdiff.layer.GoBuildInfo.Info info) {
        if (info.module() != null && !info.module().isBlank()) {
            String v = info.moduleVersion() == null || info.moduleVersion().isBlank() ? "unknown" : info.moduleVersion();
            return new Package("go", info.module(), v);
        }
        return new Package("go", info.path(), info.path().startsWith("cmd/") ? info.goVersion() : "unknown");
    }

    private void readPomProperties(String jar, byte[] data) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.ByteArrayInputStream(data));
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        String group = p.getProperty("groupId");
        String artifact = p.getProperty("artifactId");
        String version = p.getProperty("version");
        if (group != null && artifact != null && version != null) {
            maven.put(jar, new Package("maven", group.strip() + ":" + artifact.strip(), version.strip()));
        }
    }

    private void readNpm(String packageJson, byte[] data) {
        String dir = npmPackageDir(packageJson);
        if (dir == null) {
            return;
        }
        try {
            JsonNode j = json.readTree(data);
            String name = j == null ? null : j.path("name").asText(null);
            String version = j == null ? null : j.path("version").asText(null);
            if (name == null || version == null || name.isBlank() || version.isBlank()) {
                warnings.add(packageJson + " names no package and version: its files count as unowned");
                npmDirs.put(dir, Package.UNOWNED);
                return;
            }
            npmDirs.put(dir, new Package("npm", name, version));
        } catch (IOException | RuntimeException e) {
            warnings.add("unreadable " + packageJson + ": its files count as unowned");
            npmDirs.put(dir, Package.UNOWNED);
        }
    }

    /** The first field of a CSV line (RECORD quotes paths with commas). */
    private static String csvFirst(String line) {
        if (line.startsWith("\"")) {
            int end = line.indexOf("\",", 1);
            if (end < 0) {
                end = line.endsWith("\"") ? line.length() - 1 : -1;
            }
            return end < 0 ? null : line.substring(1, end).replace("\"\"", "\"");
        }
        int comma = line.indexOf(',');
        if (comma <= 0 || line.chars().filter(c -> c == ',').count() != 2) {
            return null;
        }
        return line.substring(0, comma);
    }

    private Map<String, String> metadata(byte[] data, String path) {
        Map<String, String> out = new HashMap<>();
        if (data == null) {
            return out;
        }
        String text = text(path, data);
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ")) {
                out.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    /** Deb822 paragraphs; a truncated last paragraph is dropped with a warning. */
    private List<Map<String, String>> paragraphs(String path, byte[] data) {
        List<Map<String, String>> out = new ArrayList<>();
        String text = text(path, data);
        if (text == null) {
            return out;
        }
        Map<String, String> cur = new HashMap<>();
        String last = null;
        int bad = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                }
                cur = new HashMap<>();
                last = null;
            } else if (line.startsWith(" ") || line.startsWith("\t")) {
                if (last == null) {
                    bad++;
                }
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    bad++;
                    continue;
                }
                last = line.substring(0, colon);
                cur.put(last, line.substring(colon + 1).strip());
            }
        }
        if (!cur.isEmpty()) {
            if (text.endsWith("\n")) {
                out.add(cur);
            } else {
                warnings.add(path + " ends in the middle of a paragraph: that package's files count as unowned");
            }
        }
        if (bad > 0) {
            warnings.add(path + ": " + bad + " malformed lines skipped");
        }
        return out;
    }

    /** Strict UTF-8 text, or null (with a warning) when it is not. */
    private String text(String path, byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            warnings.add(path + " is not UTF-8: the files it lists count as unowned");
            return null;
        }
    }
}
