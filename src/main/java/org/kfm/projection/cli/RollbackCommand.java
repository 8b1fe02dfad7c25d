package org.kfm.projection.cli;

import jakarta.inject.Inject;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.run.RunResults;
import picocli.CommandLine.Command;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make the previous generation live again (the live one becomes previous). One short transaction.")
public class RollbackCommand extends FormattedCommand implements UsesDatabase {

    private final ProjectionOperations operations;
    private final Settings settings;

    @Inject
    public RollbackCommand(ProjectionOperations operations, Settings settings) {
        this.operations = operations;
        this.settings = settings;
    }

    private final RunIdObserver observer = new RunIdObserver();

    @Override
    public java.util.UUID runId() {
        return observer.runId();
    }

    @Override
    public Integer call() {
        Recorded<RunResults.Rollback> run = operations.rollback(CliTrigger.of(settings), observer);
        RunResults.Rollback r = run.value();
        if (format.json()) {
            new JsonOutput().print(spec.commandLine().getOut(), new Views.RollbackView(run.runId(), r.live(),
                    r.generation().isPresent() ? r.generation().getAsLong() : null, r.previous().orElse(null),
                    r.retired().orElse(null), r.transactionTime().toMillis(), r.totalTime().toMillis(), r.attempts(),
                    r.warnings()));
            return 0;
        }
        spec.commandLine().getOut().printf("rolled back: the previous generation is live again as %s; the replaced one "
                + "is kept as previous (rollback again to undo); swap took %d ms%n", r.live(),
                r.transactionTime().toMillis());
        r.warnings().forEach(w -> spec.commandLine().getOut().println("warning: " + w));
        spec.commandLine().getOut().println("run " + run.runId());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
