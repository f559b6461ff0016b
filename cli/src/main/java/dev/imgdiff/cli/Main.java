package dev.imgdiff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The program entry point: wires the real console and exits with the command's code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        boolean tty = System.console() != null;
        Console console = new Console(out, err, System.in, System.getenv(), tty, 0);
        try {
            return Cli.execute(console, args);
        } catch (OutOfMemoryError e) {
            err.println("imgdiff: out of memory; give the JVM more with JAVA_OPTS=-Xmx4g");
            return ExitCodes.INTERNAL;
        }
    }
}
