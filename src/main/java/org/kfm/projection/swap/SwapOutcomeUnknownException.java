package org.kfm.projection.swap;

import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * The connection broke while a swap or rollback was committing: the COMMIT may have reached the
 * server or not, so whether the live projection changed is unknown. A type, not a phrase, so callers
 * say so without reading the message.
 */
public final class SwapOutcomeUnknownException extends KfmException {
    SwapOutcomeUnknownException(String message, Throwable cause) {
        super(ErrorCode.FAILED, "swap-failed", message, cause);
    }
}
