package dev.imgdiff.cli;

import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.model.ImageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Builds the command line with its factory, exit codes and error handling; {@link Main} and the tests
 * both go through here.
 */
public final class Cli {
    private Cli() {
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(Console console, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = create(console, debug);
        int code = cl.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    static CommandLine create(Console console, boolean debug) {
        CommandLine cl = new CommandLine(ImgdiffCommand.class, new Factory(console));
        cl.setOut(console.out());
        cl.setErr(console.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(pr -> {
            CommandLine.ParseResult sub = pr.subcommand();
            if (sub != null && pr.hasMatchedPositional(0)) {
                throw new CommandLine.ParameterException(pr.commandSpec().commandLine(),
                        "images go after the command: imgdiff " + sub.commandSpec().name() + " IMAGE");
            }
            return new CommandLine.RunLast().execute(pr);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("imgdiff: " + Sanitizer.clean(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, pr) -> {
            PrintWriter err = cmd.getErr();
            int code;
            if (ex instanceof ImageException ie) {
                err.println("imgdiff: error: " + Sanitizer.clean(ie.describe()));
                code = ie.kind() == ImageException.Kind.BAD_REFERENCE ? ExitCodes.USAGE : ExitCodes.IMAGE_ERROR;
            } else if (ex instanceof IOException io) {
                err.println("imgdiff: error: " + Sanitizer.clean(io.getMessage()));
                code = ExitCodes.IMAGE_ERROR;
            } else {
                err.println("imgdiff: internal error: " + Sanitizer.clean(String.valueOf(ex))
                        + (debug ? "" : " (run again with --debug for details)"));
                code = ExitCodes.INTERNAL;
            }
            if (debug) {
                StringWriter sw = new StringWriter();
                ex.printStackTrace(new PrintWriter(sw));
                err.print(Sanitizer.clean(sw.toString()).replace("\\n", "\n").replace("\\t", "\t"));
            }
            err.flush();
            return code;
        });
        return cl;
    }

    /** Gives commands the console they talk to. */
    private static final class Factory implements CommandLine.IFactory {
        private final Console console;

        Factory(Console console) {
            this.console = console;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(Console.class);
                return c.newInstance(console);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
