package org.kfm.projection.service;

import org.kfm.projection.run.Phase;
import org.kfm.projection.run.RunObserver;

/**
 * What the service watches of one rebuild it runs: the current phase, and the cooperative cancel
 * flag, raised by a cancel request to this process, one seen in the ops schema, or shutdown.
 */
final class ServiceObserver implements RunObserver {
    private volatile boolean cancel;
    private volatile Phase phase = Phase.REQUESTED;

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
