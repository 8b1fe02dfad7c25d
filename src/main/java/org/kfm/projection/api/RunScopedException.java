package org.kfm.projection.api;

import java.util.UUID;
import org.kfm.projection.error.KfmException;

/** A failure about one run (the one holding the lock, the one that is not running): the problem names it. */
final class RunScopedException extends KfmException {
    private final UUID runId;

    RunScopedException(KfmException cause, UUID runId) {
        super(cause.code(), cause.rule(), cause.getMessage(), cause);
        this.runId = runId;
    }

    UUID runId() {
        return runId;
    }
}
