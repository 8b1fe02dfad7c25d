package org.kfm.projection.history;

/**
 * Where one webhook delivery stands. {@code PENDING} until it ends; a row left {@code PENDING} by
 * a process that died says only that the call may or may not have been made.
 */
public enum DeliveryOutcome {
    /** Queued or being called. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every attempt ended without a 2xx (an HTTP status, a timeout, a refused connection). */
    FAILED,
    /** Not queued: the delivery queue was full or the process was stopping. Never called. */
    DROPPED,
    /** Cut short (or never started) when the process stopped before it ended. */
    ABANDONED;

    public boolean ended() {
        return this != PENDING;
    }
}
