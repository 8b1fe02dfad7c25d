package org.kfm.projection.run;

import java.util.UUID;

/**
 * A rebuild that was recorded and holds the rebuild lock, but has not run yet: what a service hands
 * from the thread that answered the caller to the one that does the work. Run it with
 * {@link RebuildOrchestrator#run(AcceptedRebuild)} or give it up with
 * {@link RebuildOrchestrator#discard(AcceptedRebuild, String)}; either releases the lock, once.
 */
public final class AcceptedRebuild {
    private final RunState run;
    private final RebuildLock lock;
    private final String catalogUri;
    private boolean used;

    AcceptedRebuild(RunState run, RebuildLock lock, String catalogUri) {
        this.run = run;
        this.lock = lock;
        this.catalogUri = catalogUri;
    }

    public UUID runId() {
        return run.id();
    }

    RunState run() {
        return run;
    }

    RebuildLock lock() {
        return lock;
    }

    String catalogUri() {
        return catalogUri;
    }

    /** Marks the handle used; a second run or discard is a programming error. */
    synchronized void use() {
        if (used) {
            throw new IllegalStateException("rebuild " + run.id() + " was already run or discarded");
        }
        used = true;
    }
}
