package org.kfm.projection.swap;

import java.util.List;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Every attempt of a swap or rollback was blocked: rule {@code swap-lock-timeout} when the last
 * attempt hit {@code lock_timeout}, {@code swap-conflict} when it collided with a concurrent change
 * of the same schemas (deadlock, "tuple concurrently updated"). Nothing was changed.
 */
public final class SwapBlockedException extends KfmException {
    public static final String LOCK_TIMEOUT = "swap-lock-timeout";
    public static final String CONFLICT = "swap-conflict";

    private final List<BlockingSession> blockers;
    private final int attempts;
    private final String sqlState;

    SwapBlockedException(String rule, String message, List<BlockingSession> blockers, int attempts, String sqlState,
            Throwable cause) {
        super(ErrorCode.FAILED, rule, message, cause);
        this.blockers = List.copyOf(blockers);
        this.attempts = attempts;
        this.sqlState = sqlState;
    }

    /** The sessions seen blocking the last attempt that saw any (empty when none could be identified). */
    public List<BlockingSession> blockers() {
        return blockers;
    }

    public int attempts() {
        return attempts;
    }

    /** SQLSTATE of the last attempt's failure, e.g. {@code 55P03}. */
    public String sqlState() {
        return sqlState;
    }
}
