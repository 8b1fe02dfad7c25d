package org.kfm.projection.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.service.AuditTrail;
import org.kfm.projection.service.LockHolder;

/**
 * A failed action, handled the same way by every endpoint: audited once with the same outcome
 * words ({@link AuditOutcome}), with the refused attempt's own run (when one was recorded) and,
 * for a held lock, separately the run holding it; the problem then names the holder.
 */
@Singleton
public class Refusals {
    private final AuditTrail audit;
    private final LockHolder holders;

    @Inject
    public Refusals(AuditTrail audit, LockHolder holders) {
        this.audit = audit;
        this.holders = holders;
    }

    /** Audits the failure and returns what to throw. */
    KfmException refused(String principal, String action, JsonNode arguments, UUID attempt, KfmException e) {
        UUID holder = e.code() == ErrorCode.LOCK_HELD ? holders.find(attempt).orElse(null) : null;
        audit.record(principal, action, arguments, AuditOutcome.of(e), attempt, holder);
        if (holder != null) {
            return new RunScopedException(e, holder);
        }
        // a validate that ran and failed parity: the problem names its run, whose receipt has the findings
        return e.code() == ErrorCode.PARITY_FAILED && attempt != null ? new RunScopedException(e, attempt) : e;
    }
}
