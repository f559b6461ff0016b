package dev.imgdiff.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process and keeps what it printed. */
record Run(int code, String out, String err) {

    static Run of(String... args) {
        return withInput(InputStream.nullInputStream(), Map.of(), args);
    }

    static Run withInput(InputStream in, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console c = new Console(new PrintWriter(out), new PrintWriter(err), in, env, false, 120);
        int code = Cli.execute(c, args);
        Run run = new Run(code, out.toString(), err.toString());
        checkReports(run, args);
        return run;
    }

    /**
     * Every JSON report a test produces, on standard output or in the {@code -o} file, must match the
     * schema in the repository.
     */
    private static void checkReports(Run run, String... args) {
        if (ReportSchema.isReport(run.out)) {
            ReportSchema.check(run.out);
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-o") || args[i].equals("--output")) {
                java.nio.file.Path p = java.nio.file.Path.of(args[i + 1]);
                try {
                    if (java.nio.file.Files.isRegularFile(p) && startsWithBrace(p)) {
                        String text = java.nio.file.Files.readString(p);
                        if (ReportSchema.isReport(text)) {
                            ReportSchema.check(text);
                        }
                    }
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    // not a text report (or not readable): nothing to check
                }
            }
        }
    }

    static Run withStdin(byte[] data, String... args) {
        return withInput(new ByteArrayInputStream(data), Map.of(), args);
    }

    private static boolean startsWithBrace(java.nio.file.Path p) throws java.io.IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(p)) {
            return in.read() == '{';
        }
    }

    /** Everything printed, both streams. */
    String all() {
        return out + err;
    }
}
