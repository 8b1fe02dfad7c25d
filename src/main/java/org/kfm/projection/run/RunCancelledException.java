package org.kfm.projection.run;

import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** A run stopped between two steps because it was asked to; it ends CANCELLED, saying by whom or what. */
final class RunCancelledException extends KfmException {
    private final Cancellation cancellation;

    RunCancelledException(Cancellation cancellation, String where) {
        super(ErrorCode.FAILED, "cancelled", "rebuild " + cancellation.describe() + " at the start of " + where
                + ", before any of its work");
        this.cancellation = cancellation;
    }

    Cancellation cancellation() {
        return cancellation;
    }
}
