package org.kfm.projection.run;

import java.util.Optional;
import java.util.UUID;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Another run holds the rebuild lock: the run asking for it is refused at once (exit 3, HTTP 409)
 * and recorded as REFUSED, naming the holder's run when it is one of ours.
 */
public final class LockHeldException extends KfmException {
    public static final String RULE = "lock-held";

    private final String projection;
    private final UUID holderRunId;

    LockHeldException(String projection, String holders, UUID holderRunId) {
        super(ErrorCode.LOCK_HELD, RULE, "another run holds the rebuild lock of projection " + projection
                + (holderRunId == null ? "" : ": run " + holderRunId) + " (" + holders + "). Wait for it to "
                + "finish (kfm-projection status shows it); the lock is freed automatically if that process dies");
        this.projection = projection;
        this.holderRunId = holderRunId;
    }

    public String projection() {
        return projection;
    }

    /** The run holding the lock, when the holder is a run of this tool that said which. */
    public Optional<UUID> holderRunId() {
        return Optional.ofNullable(holderRunId);
    }
}
