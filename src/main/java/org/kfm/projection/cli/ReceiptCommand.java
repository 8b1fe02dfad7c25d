package org.kfm.projection.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.UUID;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.RunHistory;
import org.kfm.projection.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "receipt", mixinStandardHelpOptions = true,
        description = {"Print the receipt of a run as recorded in the ops schema (docs/schemas/receipt.schema.json):",
            "indented with --format text, one line with --format json. Exit 2 (rule run-not-found) when no run of",
            "this projection has that id, or (rule run-not-finished) when the run has not ended yet."})
public class ReceiptCommand extends FormattedCommand implements UsesDatabase {
    @Parameters(paramLabel = "RUN_ID", description = "The run's id, as runs, status and every command print it.")
    String runId;

    private final RunHistory history;
    private final Settings settings;

    @Inject
    public ReceiptCommand(RunHistory history, Settings settings) {
        this.history = history;
        this.settings = settings;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        UUID id = parse(runId);
        String projection = settings.projection().name();
        RunSummary run = history.run(id).filter(r -> projection.equals(r.projection())).orElseThrow(() ->
                new KfmException(ErrorCode.BAD_USAGE, "run-not-found", "no run with id " + id + " in projection "
                        + projection + " (kfm-projection runs lists them)"));
        if (run.receipt() == null || run.receipt().isNull()) {
            throw new KfmException(ErrorCode.BAD_USAGE, "run-not-finished", "run " + id + " has no receipt yet: it is "
                    + run.state() + "; a receipt is written when the run ends");
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonOutput json = new JsonOutput();
        if (format.json()) {
            json.print(out, run.receipt());
        } else {
            out.println(json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(run.receipt()));
            out.flush();
        }
        return 0;
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid-run-id", "RUN_ID must be a run's UUID, got " + Shown.value(text));
        }
    }
}
