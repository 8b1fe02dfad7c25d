package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.KeptShadow;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.ProjectionStatus;
import org.kfm.projection.service.Freshness;

/**
 * The projection: its live and previous generation, a kept shadow, and whether a run holds the
 * rebuild lock.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectionView(String projection, GenerationView live, GenerationView previous,
        boolean rebuildRunning, KeptShadowView keptShadow, FreshnessView freshness) {

    /**
     * How current live is against the schedule.
     *
     * @param state FRESH (made current at or after the schedule's tick before the last one), STALE (two
     *     ticks or more since), NEVER, or UNSCHEDULED (no {@code kfm.schedule.cron})
     * @param lastCurrentAt when a rebuild last swapped in or found the catalog unchanged (SKIPPED)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FreshnessView(String state, Instant lastCurrentAt, String schedule, Instant lastTickAt,
            Instant nextTickAt, String summary) {
        static FreshnessView of(Freshness f) {
            return new FreshnessView(f.state().name(), f.lastCurrentAt().orElse(null), f.cron().orElse(null),
                    f.lastTickAt().orElse(null), f.nextTickAt().orElse(null), f.summary());
        }
    }

    /**
     * A shadow schema that outlived the run that built it (a failed or cancelled rebuild keeps it for
     * inspection, {@code noSwap} by request); absent while a rebuild holds the lock.
     *
     * @param runId the newest rebuild whose receipt says it kept this schema; absent when none says so
     *     (a process that died mid-run left it)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeptShadowView(String schema, UUID runId, String outcome, String errorRule, Instant finishedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerationView(long number, String status, UUID runId, String catalogUri, String catalogDigest,
            String migrationVersion, Long rowCount, Instant createdAt, Instant swappedInAt) {
    }

    static ProjectionView of(ProjectionStatus s, Freshness f) {
        return new ProjectionView(s.projection(), view(s.live()), view(s.previous()), s.rebuildRunning(),
                s.keptShadow().map(ProjectionView::kept).orElse(null), FreshnessView.of(f));
    }

    private static KeptShadowView kept(KeptShadow k) {
        return new KeptShadowView(k.schema(), k.keptBy().map(RunSummary::runId).orElse(null),
                k.keptBy().map(RunSummary::outcome).orElse(null), k.keptBy().map(RunSummary::errorRule).orElse(null),
                k.keptBy().map(RunSummary::finishedAt).orElse(null));
    }

    private static GenerationView view(Optional<Generation> g) {
        return g.map(x -> new GenerationView(x.number(), x.status(), x.runId(), x.catalogUri(), x.catalogDigest(),
                x.migrationVersion(), x.rowCount(), x.createdAt(), x.swappedInAt())).orElse(null);
    }
}
