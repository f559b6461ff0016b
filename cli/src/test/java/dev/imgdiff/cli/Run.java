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
        return new Run(code, out.toString(), err.toString());
    }

    static Run withStdin(byte[] data, String... args) {
        return withInput(new ByteArrayInputStream(data), Map.of(), args);
    }

    /** Everything printed, both streams. */
    String all() {
        return out + err;
    }
}
