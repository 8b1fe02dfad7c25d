package org.kfm.projection.api;

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
        int status = ProblemType.of(e).status();
        boolean refused = status >= 400 && status < 500 && status != 422;
        return (refused ? "refused:" : "failed:") + e.rule();
    }
}
