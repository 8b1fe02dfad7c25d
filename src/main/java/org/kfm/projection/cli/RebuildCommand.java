package org.kfm.projection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RebuildResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Rebuild the projection from the promoted catalog: migrate a shadow schema, load it with COPY,",
            "build indexes, validate parity, swap it in atomically and record a receipt. Skipped (exit 0) when the",
            "catalog digest and migration version equal the live generation's, unless --force."})
public class RebuildCommand extends FormattedCommand implements UsesDatabase {
    @Option(names = "--catalog", paramLabel = "URI",
            description = "Root catalog.json: path, file: or s3:// URI (default: kfm.catalog.uri).")
    String catalog;

    @Option(names = "--dry-run", description = {"Read the catalog and print the plan against live (versions added,",
        "changed, removed, unchanged; migration step; bytes per store; shrink guard; skip); records only the run."})
    boolean dryRun;

    @Option(names = "--no-swap", description = "Build and validate the shadow, keep it, do not swap.")
    boolean noSwap;

    @Option(names = "--force", description = {"Rebuild even when the catalog and migrations are unchanged;",
        "loads every dataset version from its artifacts (implies --full)."})
    boolean force;

    @Option(names = "--full", description = {"Load every dataset version from its artifacts; by default unchanged",
        "versions are carried from live inside the database (docs/incremental.md)."})
    boolean full;

    @Option(names = "--allow-shrink", paramLabel = "FRACTION",
            description = "Accept a shadow with at least this fraction of the live rows (0..1).")
    Double allowShrink;

    @Option(names = "--keep-shadow", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep the shadow for inspection when the run fails (default: ${DEFAULT-VALUE}).")
    boolean keepShadow;

    @Option(names = "--prune-before-load", description = {"Drop the previous generation before the shadow is written,",
        "so its disk counts toward kfm.load.max-shadow-bytes; no rollback until the new generation swaps."})
    boolean pruneBeforeLoad;

    private final RebuildOrchestrator orchestrator;
    private final Settings settings;
    private final Clock clock;
    private ConsoleProgress progress;

    @Inject
    public RebuildCommand(RebuildOrchestrator orchestrator, Settings settings, Clock clock) {
        this.orchestrator = orchestrator;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public java.util.UUID runId() {
        return progress == null ? null : progress.runId();
    }

    @Override
    public Integer call() {
        progress = new ConsoleProgress(System.err, System.console(), clock);
        RebuildRequest request = new RebuildRequest(Optional.ofNullable(catalog), dryRun, noSwap, force,
                RebuildRequest.shrinkAllowance("--allow-shrink", allowShrink), keepShadow,
                CliTrigger.of(settings)).withPruneBeforeLoad(pruneBeforeLoad).withFull(full);
        RebuildResult result = orchestrator.rebuild(request, progress);
        progress.closeBar();
        PrintWriter out = spec.commandLine().getOut();
        if (!format.json()) {
            print(out, result);
        }
        // The run has ended and the lock is free; this process exits next, so wait (bounded) for its webhooks.
        List<WebhookDelivery> deliveries = orchestrator.awaitDeliveries(result.runId());
        if (format.json()) {
            new JsonOutput().print(out, new Views.RebuildView(result.runId(), result.outcome().name(),
                    result.generation(), result.summary(), result.receipt(), result.receipt().get("plan"),
                    deliveries.stream().map(Views.WebhookView::of).toList()));
        } else {
            printDeliveries(out, deliveries);
        }
        return 0;
    }

    static void printDeliveries(PrintWriter out, List<WebhookDelivery> deliveries) {
        for (WebhookDelivery d : deliveries) {
            out.println("webhook " + d.target() + ": " + d.outcome() + " after " + d.attempts() + " attempt(s)"
                    + (d.status() == null ? "" : ", HTTP " + d.status()) + (d.error() == null ? "" : ": " + d.error()));
        }
        out.flush();
    }

    static void print(PrintWriter out, RebuildResult r) {
        out.println(r.summary());
        out.println("run " + r.runId() + "  outcome " + r.outcome());
        JsonNode receipt = r.receipt();
        if (receipt.path("shadowBudget").has("pruned")) {
            out.println(receipt.path("shadowBudget").path("pruned").asText());
        }
        if (receipt.has("plan")) {
            PlanText.print(out, receipt.get("plan"));
        }
        JsonNode datasets = receipt.path("parity").path("datasetVersions");
        if (datasets.isArray() && !datasets.isEmpty()) {
            out.printf("%-40s %10s %10s  %s%n", "dataset version", "declared", "rows", "status");
            for (JsonNode d : datasets) {
                out.printf("%-40s %10s %10s  %s%n", d.path("datasetVersionId").asText(),
                        d.path("declaredCount").asText("-"), d.path("rows").asText("-"),
                        d.path("status").asText().toLowerCase(Locale.ROOT));
            }
            out.println("parity: " + (receipt.path("parity").path("passed").asBoolean() ? "passed" : "FAILED"));
        }
        JsonNode phases = receipt.path("phases");
        if (phases.isArray() && !phases.isEmpty()) {
            StringBuilder sb = new StringBuilder("timings:");
            for (JsonNode p : phases) {
                sb.append(' ').append(p.path("phase").asText().toLowerCase(Locale.ROOT)).append('=')
                        .append(p.path("durationMs").asLong()).append("ms");
            }
            out.println(sb);
        }
        out.flush();
    }
}
