package org.kfm.projection.api;

import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * How a failed action is audited, the same way for every endpoint: {@code refused:<rule>} when the
 * request was not carried out (bad request, lock held, nothing to do), {@code failed:<rule>} when it
 * ran and failed (parity, bad input, an error).
 */
final class AuditOutcome {
    private AuditOutcome() {
    }

    static String of(KfmException e) {
        boolean refused = e.code() == ErrorCode.BAD_USAGE || e.code() == ErrorCode.LOCK_HELD
                || ProblemType.of(e).status() == 409;
        return (refused ? "refused:" : "failed:") + e.rule();
    }
}
