package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.ProjectionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the live and previous generation, whether a rebuild is running, and the last runs.")
public class StatusCommand implements Callable<Integer> {
    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs to list (default: 10).")
    int runs;

    @Spec
    CommandSpec spec;

    private final ProjectionOperations operations;

    @Inject
    public StatusCommand(ProjectionOperations operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        ProjectionStatus s = operations.status(runs);
        PrintWriter out = spec.commandLine().getOut();
        out.println("projection " + s.projection() + (s.rebuildRunning() ? "  (a run holds the rebuild lock)" : ""));
        out.println("  live:     " + s.live().map(StatusCommand::describe).orElse("none"));
        out.println("  previous: " + s.previous().map(StatusCommand::describe).orElse("none"));
        out.println("recent runs:");
        for (RunSummary r : s.recentRuns()) {
            out.printf("  %s  %-8s %-10s %-24s %s%s%n", r.startedAt(), r.kind(), r.outcome() == null ? r.state()
                    : r.outcome(), r.triggeredBy(), r.runId(), r.errorRule() == null ? "" : "  (" + r.errorRule() + ")");
        }
        out.flush();
        return 0;
    }

    private static String describe(Generation g) {
        return "generation " + g.number() + ", catalog " + g.catalogDigest() + ", migration " + g.migrationVersion()
                + ", " + g.rowCount() + " rows, swapped in " + g.swappedInAt() + " by run " + g.runId();
    }
}
