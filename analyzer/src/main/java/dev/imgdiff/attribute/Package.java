package dev.imgdiff.attribute;

/**
 * A package that owns files: {@code ecosystem} is deb, apk, pypi, npm, maven or go; {@link #key()} is how reports
 * and budgets name it ("deb:gcc-12@12.2.0-14").
 */
public record Package(String ecosystem, String name, String version) {
    /** The files no package database claims. */
    public static final Package UNOWNED = new Package("none", "unowned", "");

    public String key() {
        return this == UNOWNED || ecosystem.equals("none") ? "unowned" : ecosystem + ":" + name + "@" + version;
    }
}
