package dev.imgdiff.source;

import java.util.regex.Pattern;

/** What an image name ({@code [registry/]repo[:tag][@digest]}) may look like, as Docker parses them. */
final class ImageNames {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
            + "(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,})?");
    private static final Pattern IMAGE_ID = Pattern.compile("(?:sha256:)?[0-9a-f]{12,64}");

    private ImageNames() {
    }

    /**
     * Whether a string that is no file could name an image in a daemon or registry: paths ("/x", "./x",
     * "x.tar") cannot, so the error for them is just "no such file".
     */
    static boolean couldBeImageName(String s) {
        if (s.startsWith("/") || s.startsWith(".") || s.startsWith("~") || s.contains("\\")) {
            return false;
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (String ext : new String[]{".tar", ".tgz", ".tar.gz", ".tar.zst", ".json"}) {
            if (lower.endsWith(ext)) {
                return false;
            }
        }
        return IMAGE_ID.matcher(s).matches() || REFERENCE.matcher(s).matches();
    }
}
