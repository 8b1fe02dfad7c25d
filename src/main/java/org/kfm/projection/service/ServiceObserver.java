package org.kfm.projection.service;

import org.kfm.projection.run.Cancellation;
import java.util.UUID;
import java.util.function.Consumer;
import org.kfm.projection.run.Phase;
import org.kfm.projection.run.RunObserver;

/**
 * What the service watches of one rebuild it runs: the current phase, and the cooperative cancel
 * flag, raised by a cancel request to this process, one seen in the ops schema, or shutdown. The
 * first to raise it says who or what cancelled the run.
 */
final class ServiceObserver implements RunObserver {
    private volatile Cancellation cancellation;
    private final Consumer<UUID> recorded;
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
        return cancellation != null;
    }

    @Override
    public Cancellation cancellation() {
        Cancellation c = cancellation;
        return c == null ? RunObserver.super.cancellation() : c;
    }

    synchronized void cancel(Cancellation by) {
        if (cancellation == null) {
            cancellation = by;
        }
    }

    Phase phase() {
        return phase;
    }
}
