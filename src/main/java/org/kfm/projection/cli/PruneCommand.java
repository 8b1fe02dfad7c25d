package org.kfm.projection.cli;

import jakarta.inject.Inject;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.run.RunResults;
import picocli.CommandLine.Command;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Drop the previous generation and any retired ones (no rollback possible afterwards).")
public class PruneCommand extends FormattedCommand implements UsesDatabase {

    private final ProjectionOperations operations;
    private final Settings settings;

    @Inject
    public PruneCommand(ProjectionOperations operations, Settings settings) {
        this.operations = operations;
        this.settings = settings;
    }

    @Override
    public Integer call() {
        Recorded<RunResults.Prune> run = operations.prune(CliTrigger.of(settings));
        RunResults.Prune r = run.value();
        var out = spec.commandLine().getOut();
        if (format.json()) {
            // a schema left behind is exit 1 in both formats; the document says which and why
            new JsonOutput().print(out, new Views.PruneView(run.runId(), r.complete(), r.dropped(), r.notDropped()
                    .stream().map(f -> new Views.NotDroppedView(f.schema(), f.reason())).toList()));
            return r.complete() ? 0 : 1;
        }
        out.println(r.dropped().isEmpty() ? "nothing to prune" : "dropped: " + String.join(", ", r.dropped()));
        r.notDropped().forEach(f -> out.println("could not drop " + f.schema() + ": " + f.reason()));
        out.println("run " + run.runId());
        out.flush();
        return r.complete() ? 0 : 1;
    }
}
