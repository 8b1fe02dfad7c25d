package org.kfm.projection.cli;

import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import picocli.CommandLine;

/** Builds the picocli command line with the project's exit-code and error conventions. */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(KfmCommand.class, factory);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KfmException k) {
                commandLine.getErr().println("error: " + k.getMessage());
                commandLine.getErr().println("(rule " + k.rule() + ", exit code " + k.code().exitCode() + ")");
                return k.code().exitCode();
            }
            throw ex;
        });
        // Picocli consults this mapper for parse errors too: an unknown option or bad value is bad usage (2).
        cl.setExitCodeExceptionMapper(ex -> ex instanceof KfmException k ? k.code().exitCode()
                : ex instanceof CommandLine.ParameterException ? ErrorCode.BAD_USAGE.exitCode()
                : ErrorCode.FAILED.exitCode());
        return cl;
    }
}
