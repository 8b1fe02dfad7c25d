package org.kfm.projection.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.RebuildLock;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RebuildServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds from the configured catalog on the {@code kfm.schedule.cron} schedule (off when unset).
 * A tick is skipped, logged and counted when a run holds the rebuild lock (this replica's or any
 * other's: the advisory lock is per database, so replicas never run two rebuilds), and the run it
 * starts ends SKIPPED when the catalog digest equals the live generation's.
 */
@Singleton
public class ScheduledRebuilds {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRebuilds.class);
    static final Trigger TRIGGER = new Trigger("kfm-schedule", "schedule");

    private final RebuildService rebuilds;
    private final ServiceMetrics metrics;
    private final DataSource dataSource;
    private final Settings settings;

    @Inject
    public ScheduledRebuilds(RebuildService rebuilds, ServiceMetrics metrics, RebuildServices services,
            Settings settings) {
        this.rebuilds = rebuilds;
        this.metrics = metrics;
        this.dataSource = services.dataSource();
        this.settings = settings;
    }

    @Scheduled(identity = "kfm-rebuild-schedule", cron = "${kfm.schedule.cron:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        tick();
    }

    /**
     * One tick: starts a rebuild unless one is running anywhere.
     *
     * @return the started run, empty when skipped
     */
    public Optional<UUID> tick() {
        String projection = settings.projection().name();
        try {
            // Checked first so a busy lock does not leave a refused run per tick in the records.
            if (RebuildLock.isHeld(dataSource, projection)) {
                return skipped("a run holds the rebuild lock of " + projection);
            }
            UUID id = rebuilds.submit(RebuildRequest.defaults(TRIGGER));
            LOG.info("scheduled rebuild {} started", id);
            return Optional.of(id);
        } catch (KfmException e) {
            if (e.code() == ErrorCode.LOCK_HELD) {
                return skipped(e.getMessage());
            }
            LOG.error("scheduled rebuild could not start: {} (rule {})", e.getMessage(), e.rule());
            metrics.scheduleSkipped(ServiceMetrics.SKIP_ERROR);
            return Optional.empty();
        }
    }

    private Optional<UUID> skipped(String why) {
        LOG.info("scheduled rebuild skipped ({}): {}", ServiceMetrics.SKIP_LOCK_HELD, why);
        metrics.scheduleSkipped(ServiceMetrics.SKIP_LOCK_HELD);
        return Optional.empty();
    }
}
