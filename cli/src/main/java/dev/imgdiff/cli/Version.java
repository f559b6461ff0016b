package dev.imgdiff.cli;

import picocli.CommandLine;

/** The version, from the jar manifest when packaged. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[]{"imgdiff " + (v == null ? "dev" : v)};
    }
}
