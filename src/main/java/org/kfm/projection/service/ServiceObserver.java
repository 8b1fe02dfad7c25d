package org.kfm.projection.service;

import java.util.UUID;
import java.util.function.Consumer;
import org.kfm.projection.run.Phase;
import org.kfm.projection.run.RunObserver;

/**
 * What the service watches of one rebuild it runs: the current phase, and the cooperative cancel
 * flag, raised by a cancel request to this process, one seen in the ops schema, or shutdown.
 */
final class ServiceObserver implements RunObserver {
    private final Consumer<UUID> recorded;
    private volatile boolean cancel;
    private volatile Phase phase = Phase.REQUESTED;

    ServiceObserver(Consumer<UUID> recorded) {
        this.recorded = recorded;
    }

    @Override
    public void started(UUID runId) {
        recorded.accept(runId);
    }

    @Override
    public void phase(Phase phase, String message) {
        this.phase = phase;
    }

    @Override
    public boolean cancelRequested() {
        return cancel;
    }

    void cancel() {
        cancel = true;
    }

    Phase phase() {
        return phase;
    }
}
