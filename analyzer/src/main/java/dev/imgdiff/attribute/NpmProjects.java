package dev.imgdiff.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which node_modules packages are dev dependencies, per project root, from the lockfiles and
 * package.json files captured during the scan. Unreadable files degrade to "prod" with a warning.
 */
final class NpmProjects {
    private final Map<String, byte[]> captured;
    private final Map<String, Project> projects = new HashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> warnings = new ArrayList<>();

    /** What one project root says about its packages. */
    private record Project(Set<String> devKeys, boolean fromLockfile, Set<String> devOnlyTopLevel) {
    }

    NpmProjects(Map<String, byte[]> captured) {
        this.captured = captured;
    }

    /** Whether the files capture asks the scan to read: lockfiles and project package.json files. */
    static boolean wanted(String path) {
        if (!path.endsWith(".json")) {
            return false;
        }
        if (path.endsWith("/node_modules/.package-lock.json")) {
            return true;
        }
        if (path.contains("/node_modules/")) {
            return false;
        }
        return path.endsWith("/package-lock.json") || path.endsWith("/package.json");
    }

    /**
     * @param root the project root ("" for "/")
     * @param key  "node_modules/a/node_modules/@s/b": the package path relative to the root
     * @param topLevel the name of the top-level package the key starts with
     */
    boolean isDev(String root, String key, String topLevel) {
        Project p = projects.computeIfAbsent(root, this::load);
        if (p.fromLockfile()) {
            return p.devKeys().contains(key);
        }
        return p.devOnlyTopLevel().contains(topLevel);
    }

    List<String> warnings() {
        return warnings;
    }

    private Project load(String root) {
        for (String lock : new String[]{root + "/node_modules/.package-lock.json", root + "/package-lock.json"}) {
            byte[] data = captured.get(lock);
            if (data == null) {
                continue;
            }
            try {
                JsonNode tree = mapper.readTree(data);
                Set<String> dev = new HashSet<>();
                JsonNode packages = tree.get("packages");
                if (packages != null && packages.isObject()) {
                    packages.properties().forEach(e -> {
                        if (e.getValue().path("dev").asBoolean(false)) {
                            dev.add(e.getKey());
                        }
                    });
                    return new Project(dev, true, Set.of());
                }
                JsonNode deps = tree.get("dependencies");
                if (deps != null && deps.isObject()) {
                    collectV1(deps, "node_modules/", dev);
                    return new Project(dev, true, Set.of());
                }
            } catch (IOException | RuntimeException e) {
                warnings.add("unreadable npm lockfile " + lock + ": dev dependencies there count as prod");
            }
        }
        byte[] pkg = captured.get(root + "/package.json");
        if (pkg != null) {
            try {
                JsonNode tree = mapper.readTree(pkg);
                Set<String> devOnly = new HashSet<>();
                tree.path("devDependencies").fieldNames().forEachRemaining(devOnly::add);
                for (String field : new String[]{"dependencies", "optionalDependencies", "peerDependencies"}) {
                    tree.path(field).fieldNames().forEachRemaining(devOnly::remove);
                }
                return new Project(Set.of(), false, devOnly);
            } catch (IOException | RuntimeException e) {
                warnings.add("unreadable " + root + "/package.json: dev dependencies there count as prod");
            }
        }
        return new Project(Set.of(), false, Set.of());
    }

    /** Lockfile v1: nested "dependencies" objects with "dev": true. */
    private static void collectV1(JsonNode deps, String prefix, Set<String> dev) {
        deps.properties().forEach(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().path("dev").asBoolean(false)) {
                dev.add(key);
            }
            JsonNode nested = e.getValue().get("dependencies");
            if (nested != null && nested.isObject()) {
                collectV1(nested, key + "/node_modules/", dev);
            }
        });
    }
}
