package org.kfm.projection.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format text|json} option of the commands that print a result. With {@code json} the
 * command prints exactly one JSON document on stdout (its shape is {@code docs/schemas/<command>.schema.json};
 * an error is {@code docs/schemas/error.schema.json}); logs, progress and notes stay on stderr and the
 * exit code is the same as with {@code text}.
 */
public final class FormatOption {
    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text for people; json: one document on stdout (docs/schemas/), logs on stderr.")
    OutputFormat format = OutputFormat.TEXT;

    public boolean json() {
        return format == OutputFormat.JSON;
    }
}
