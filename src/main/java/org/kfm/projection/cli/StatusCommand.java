package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.KeptShadow;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.ProjectionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the live and previous generation, a kept shadow and the run that kept it, whether a",
            "rebuild is running, and the last runs."})
public class StatusCommand extends FormattedCommand implements UsesDatabase {
    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs to list (default: 10).")
    int runs;

    private final ProjectionOperations operations;

    @Inject
    public StatusCommand(ProjectionOperations operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        ProjectionStatus s = operations.status(runs);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            new JsonOutput().print(out, new Views.StatusView(s.projection(), s.rebuildRunning(),
                    Views.GenerationView.of(s.live().orElse(null)), Views.GenerationView.of(s.previous().orElse(null)),
                    Views.KeptShadowView.of(s.keptShadow().orElse(null)),
                    s.recentRuns().stream().map(Views.RunView::of).toList()));
            return 0;
        }
        out.println("projection " + s.projection() + (s.rebuildRunning() ? "  (a run holds the rebuild lock)" : ""));
        out.println("  live:     " + s.live().map(StatusCommand::describe).orElse("none"));
        out.println("  previous: " + s.previous().map(StatusCommand::describe).orElse("none"));
        out.println("  shadow:   " + s.keptShadow().map(StatusCommand::describe)
                .orElse(s.rebuildRunning() ? "being built by the running rebuild" : "none"));
        out.println("recent runs:");
        for (RunSummary r : s.recentRuns()) {
            out.println(RunsCommand.line(r));
        }
        out.flush();
        return 0;
    }

    private static String describe(Generation g) {
        return "generation " + g.number() + ", catalog " + g.catalogDigest() + ", migration " + g.migrationVersion()
                + ", " + g.rowCount() + " rows, swapped in " + g.swappedInAt() + " by run " + g.runId();
    }

    static String describe(KeptShadow k) {
        return k.schema() + " kept " + k.keptBy().map(r -> "by run " + r.runId() + " (" + r.kind() + " "
                + r.outcome() + (r.errorRule() == null ? "" : ", rule " + r.errorRule()) + ", ended " + r.finishedAt()
                + ")").orElse("with no run saying so (a run that did not finish left it)")
                + "; kfm-projection validate --schema " + k.schema() + " checks it, the next rebuild drops it";
    }
}
