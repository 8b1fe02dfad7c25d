package org.kfm.projection.service;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.RunHistory;

/**
 * Which run holds the rebuild lock, as far as the ops schema tells: the newest open run of a kind
 * that takes the lock (rebuild, rollback, prune). A refusal names it so the caller can follow it.
 */
@Singleton
public class LockHolder {
    private static final Set<String> LOCKING = Set.of(RunKind.REBUILD.dbValue(), RunKind.ROLLBACK.dbValue(),
            RunKind.PRUNE.dbValue());
    private static final int LOOK_BACK = 20;

    private final RunHistory history;
    private final Settings settings;

    @Inject
    public LockHolder(RunHistory history, Settings settings) {
        this.history = history;
        this.settings = settings;
    }

    /** @param refused the refused attempt's own run, never reported as the holder */
    public Optional<UUID> find(UUID refused) {
        return history.recentRuns(settings.projection().name(), LOOK_BACK, 0).stream()
                .filter(r -> r.finishedAt() == null && LOCKING.contains(r.kind()) && !r.runId().equals(refused))
                .map(RunSummary::runId).findFirst();
    }
}
