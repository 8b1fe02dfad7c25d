package org.kfm.projection.run;

import java.util.Optional;
import java.util.OptionalLong;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.history.Generation;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.validate.LiveBaseline;
import org.kfm.projection.validate.RecordedVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses what parity compares the shadow with: the results recorded when the live generation was
 * validated, or a scan of live. Scanning live costs as much as the shadow's own digest (a million
 * rows: the hash of every EWKB again); the recorded results say the same as long as live was not edited
 * since its swap, which the projection forbids. They are used only when the generation number the
 * swap wrote on the live schema is the live generation's record (so a rollback, or a schema renamed
 * by hand, falls back to a scan), and when that record holds a digest for every version.
 */
final class LiveBaselines {
    private static final Logger LOG = LoggerFactory.getLogger(LiveBaselines.class);

    private final RebuildSettings.LiveBaselineMode mode;
    private final GenerationStore generations;
    private final SchemaSwapper swapper;

    LiveBaselines(RebuildSettings.LiveBaselineMode mode, GenerationStore generations, SchemaSwapper swapper) {
        this.mode = mode;
        this.generations = generations;
        this.swapper = swapper;
    }

    LiveBaseline choose(String projection, PgIdentifier live) {
        if (mode == RebuildSettings.LiveBaselineMode.SCAN) {
            return LiveBaseline.scan(live);
        }
        Optional<Generation> recorded = generations.live(projection);
        OptionalLong onSchema = swapper.liveGeneration();
        if (recorded.isEmpty() || onSchema.isEmpty() || onSchema.getAsLong() != recorded.get().number()) {
            LOG.info("parity: scanning {}: its schema carries generation {} but the live record is {}", live,
                    onSchema.isPresent() ? onSchema.getAsLong() : "none",
                    recorded.map(g -> Long.toString(g.number())).orElse("none"));
            return LiveBaseline.scan(live);
        }
        return RecordedVersions.fromReportJson(recorded.get().parity()).map(v -> {
            LOG.info("parity: comparing with the results recorded for live generation {} ({} dataset versions)",
                    recorded.get().number(), v.size());
            return LiveBaseline.recorded(live, v);
        }).orElseGet(() -> {
            LOG.info("parity: scanning {}: generation {} has no recorded per-version results in this release's "
                    + "digest form (recorded by an older release, or not at all)", live,
                    recorded.get().number());
            return LiveBaseline.scan(live);
        });
    }
}
