package org.kfm.projection.cli;

import java.util.UUID;
import org.kfm.projection.run.RunObserver;

/** Keeps the id of the run a command starts, so that a failure's JSON document can name it. */
final class RunIdObserver implements RunObserver {
    private volatile UUID runId;

    @Override
    public void started(UUID id) {
        this.runId = id;
    }

    UUID runId() {
        return runId;
    }
}
