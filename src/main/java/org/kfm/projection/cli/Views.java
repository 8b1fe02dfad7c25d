package org.kfm.projection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.KeptShadow;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.history.WebhookDelivery;

/**
 * What {@code --format json} prints: one record per command, owned here so that a field renamed in a
 * core record changes nothing scripts read. Each top-level view has a JSON Schema in
 * {@code docs/schemas/<command>.schema.json}; field names are a contract (new fields may be added).
 * Absent values are {@code null}, never left out.
 */
final class Views {
    private Views() {
    }

    record GenerationView(long number, String status, UUID runId, String catalogUri, String catalogDigest,
            String migrationVersion, Long rows, Instant createdAt, Instant swappedInAt) {
        static GenerationView of(Generation g) {
            return g == null ? null : new GenerationView(g.number(), g.status(), g.runId(), g.catalogUri(),
                    g.catalogDigest(), g.migrationVersion(), g.rowCount(), g.createdAt(), g.swappedInAt());
        }
    }

    record RunView(UUID runId, String kind, String state, String outcome, String triggeredBy, String trigger,
            Instant startedAt, Instant finishedAt, Long durationMs, Long generation, String errorCode,
            String errorRule, String errorMessage) {
        static RunView of(RunSummary r) {
            return r == null ? null : new RunView(r.runId(), r.kind(), r.state(), r.outcome(), r.triggeredBy(),
                    r.trigger(), r.startedAt(), r.finishedAt(), r.finishedAt() == null ? null
                            : Duration.between(r.startedAt(), r.finishedAt()).toMillis(), r.generation(),
                    r.errorCode(), r.errorRule(), r.errorMessage());
        }
    }

    /** @param keptBy the newest run whose receipt says it kept the schema; null when none says so */
    record KeptShadowView(String schema, RunView keptBy) {
        static KeptShadowView of(KeptShadow k) {
            return k == null ? null : new KeptShadowView(k.schema(), k.keptBy().map(RunView::of).orElse(null));
        }
    }

    record StatusView(String projection, boolean rebuildRunning, GenerationView live, GenerationView previous,
            KeptShadowView keptShadow, List<RunView> recentRuns) {
    }

    record RunsView(String projection, String kind, String outcome, int limit, List<RunView> runs) {
    }

    record WebhookView(String target, String outcome, int attempts, Integer status, String error) {
        static WebhookView of(WebhookDelivery d) {
            return new WebhookView(d.target(), d.outcome().name(), d.attempts(), d.status(), d.error());
        }
    }

    /**
     * @param receipt the run's receipt, {@code docs/schemas/receipt.schema.json}
     * @param plan    the run's plan (the receipt's {@code plan}); null when it ended before reading its catalog
     */
    record RebuildView(UUID runId, String outcome, Long generation, String summary, JsonNode receipt, JsonNode plan,
            List<WebhookView> webhooks) {
    }

    record RollbackView(UUID runId, String live, Long generation, String previous, String retired,
            long transactionMs, long totalMs, int attempts, List<String> warnings) {
    }

    record NotDroppedView(String schema, String reason) {
    }

    record PruneView(UUID runId, boolean complete, List<String> dropped, List<NotDroppedView> notDropped) {
    }

    /** @param parity the parity report as receipts hold it ({@code docs/parity.md}) */
    record ValidateView(UUID runId, String schema, boolean passed, JsonNode parity) {
    }

    record AppliedView(String version, String script, String sha256) {
    }

    record MigrateView(UUID runId, String schema, String fromVersion, String toVersion, List<AppliedView> applied,
            long durationMs) {
    }

    record SmokeView(UUID runId, boolean passed, String latestVersion, String previousVersion, boolean n1Skipped,
            List<AppliedView> freshApplied, List<AppliedView> n1Applied, int objectsCompared, int reapplied) {
    }

    /** {@code diff}: per dataset version the counts and the first ids of each kind; totals over all versions. */
    record DiffView(String from, String to, String datasetVersion, int limit, long added, long removed, long changed,
            String geojson, long featuresWritten, List<DiffVersionView> versions) {
        static DiffView of(org.kfm.projection.run.DiffResults.Diff d) {
            return new DiffView(d.from(), d.to(), d.datasetVersion().orElse(null), d.limit(), d.added(), d.removed(),
                    d.changed(), d.geojson().orElse(null), d.featuresWritten(), d.versions().stream()
                            .map(v -> new DiffVersionView(v.datasetVersionId(), v.fromRows(), v.toRows(), v.added(),
                                    v.removed(), v.changed(), v.geometryChanged(), v.propertiesChanged(),
                                    v.unchanged(), v.addedIds(), v.removedIds(), v.changedIds())).toList());
        }
    }

    record DiffVersionView(String datasetVersionId, long fromRows, long toRows, long added, long removed, long changed,
            long geometryChanged, long propertiesChanged, long unchanged, List<String> addedIds,
            List<String> removedIds, List<String> changedIds) {
    }

    record ErrorBody(String code, String rule, String message, int exitCode) {
    }

    /**
     * A command that failed, with {@code --format json}: {@code docs/schemas/error.schema.json}.
     *
     * @param runId the run recorded for the attempt (its receipt: {@code receipt RUN_ID}), when the
     *     command knows it: {@code rebuild} and {@code rollback}; otherwise null
     */
    record ErrorView(ErrorBody error, UUID runId) {
        static ErrorView of(KfmException e, UUID runId) {
            return new ErrorView(new ErrorBody(e.code().name(), e.rule(), e.getMessage(), e.code().exitCode()), runId);
        }
    }
}
