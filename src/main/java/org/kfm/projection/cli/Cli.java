package org.kfm.projection.cli;

import java.util.ServiceLoader;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import picocli.CommandLine;

/** Builds the picocli command line with the project's exit-code and error conventions. */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(KfmCommand.class, factory);
        for (CommandContributor contributor : ServiceLoader.load(CommandContributor.class, Cli.class.getClassLoader())) {
            for (Class<?> command : contributor.commands()) {
                cl.addSubcommand(new CommandLine(command, factory));
            }
        }
        // after the contributed commands: the conventions apply to the tree as it is when set
        return withConventions(cl);
    }

    /**
     * Applies the project's error conventions to a command line (and the subcommands it already
     * has): a {@link KfmException} prints its message and rule and exits with its code (with
     * {@code --format json} it is also printed on stdout as {@code docs/schemas/error.schema.json}); a bad
     * option or parameter exits with 2; anything else with 1.
     */
    public static CommandLine withConventions(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KfmException k) {
                if (commandLine.getCommand() instanceof Formatted f && f.json()) {
                    // scripts read stdout: one document either way, the error's own shape
                    new JsonOutput().print(commandLine.getOut(), Views.ErrorView.of(k, f.runId()));
                }
                return report(commandLine.getErr(), k);
            }
            throw ex;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(Cli::exitCode);
        return cl;
    }

    /** Prints {@code e} as every command prints an error, and returns its exit code. */
    static int report(java.io.PrintWriter err, KfmException e) {
        err.println("error: " + e.getMessage());
        err.println("(rule " + e.rule() + ", exit code " + e.code().exitCode() + ")");
        err.flush();
        return e.code().exitCode();
    }

    /** Picocli consults this mapper for parse errors too, so a bad option must map to bad usage here. */
    static int exitCode(Throwable ex) {
        if (ex instanceof KfmException k) {
            return k.code().exitCode();
        }
        return ex instanceof CommandLine.ParameterException ? ErrorCode.BAD_USAGE.exitCode()
                : ErrorCode.FAILED.exitCode();
    }
}
