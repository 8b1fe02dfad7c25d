package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.RunHistory;
import org.kfm.projection.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List recorded runs of every kind, newest first. Refused attempts (lock held) are left",
            "out unless --outcome REFUSED. The receipt of one run: kfm-projection receipt RUN_ID."})
public class RunsCommand extends FormattedCommand implements UsesDatabase {
    static final int MAX_LIMIT = 1000;

    @Option(names = "--kind", paramLabel = "K", description = "rebuild, rollback, prune, validate, migrate or smoke.")
    String kind;

    @Option(names = "--outcome", paramLabel = "O",
            description = "SUCCEEDED, FAILED, CANCELLED, SKIPPED, REFUSED or ABANDONED.")
    String outcome;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Runs to list, 1.."
            + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    private final RunHistory history;
    private final Settings settings;

    @Inject
    public RunsCommand(RunHistory history, Settings settings) {
        this.history = history;
        this.settings = settings;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UsageException("invalid-option", "--limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        Optional<RunKind> k = kind == null ? Optional.empty() : Optional.of(RunKind.parse(kind).orElseThrow(
                () -> invalid("--kind", kind, Arrays.stream(RunKind.values()).map(RunKind::dbValue))));
        Optional<RunOutcome> o = outcome == null ? Optional.empty() : Optional.of(RunOutcome.parse(outcome)
                .orElseThrow(() -> invalid("--outcome", outcome, Arrays.stream(RunOutcome.values()).map(Enum::name))));
        String projection = settings.projection().name();
        List<RunSummary> runs = history.runs(projection, k, o, limit, 0);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            new JsonOutput().print(out, new Views.RunsView(projection, k.map(RunKind::dbValue).orElse(null),
                    o.map(Enum::name).orElse(null), limit, runs.stream().map(Views.RunView::of).toList()));
            return 0;
        }
        if (runs.isEmpty()) {
            out.println("no runs" + (k.isPresent() || o.isPresent() ? " match" : " recorded") + " for projection "
                    + projection);
        }
        runs.forEach(r -> out.println(line(r)));
        out.flush();
        return 0;
    }

    /** One run on one line, as status lists them: start, kind, outcome (or state), duration, who, id, rule. */
    static String line(RunSummary r) {
        String took = r.finishedAt() == null ? "running" : seconds(Duration.between(r.startedAt(), r.finishedAt()));
        return String.format("  %s  %-8s %-10s %8s  %-24s %s%s", r.startedAt(), r.kind(),
                r.outcome() == null ? r.state() : r.outcome(), took, r.triggeredBy(), r.runId(),
                r.errorRule() == null ? "" : "  (" + r.errorRule() + ")");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static UsageException invalid(String option, String value, Stream<String> allowed) {
        return new UsageException("invalid-option", option + " must be one of " + allowed.collect(Collectors
                .joining(", ")) + ", got '" + value + "'");
    }
}
