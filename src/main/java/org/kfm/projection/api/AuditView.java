package org.kfm.projection.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kfm.projection.history.AuditRecord;

/**
 * One row of the audit trail: who did what, when, with which arguments (strings cut short), and how
 * it ended ({@code accepted}, {@code succeeded}, {@code refused:<rule>}, {@code failed:<rule>},
 * {@code denied}); {@code runId} links the run it started or touched, {@code holderRunId} the run
 * that held the lock when that was the refusal.
 */
public record AuditView(long id, Instant at, String principal, String action, String outcome, UUID runId,
        UUID holderRunId, JsonNode arguments) {

    static AuditView of(AuditRecord r) {
        var e = r.entry();
        return new AuditView(r.id(), r.at(), e.principal(), e.action(), e.outcome(), e.runId(), e.holderRunId(),
                e.arguments());
    }

    /** One page of the trail, newest first; {@code page} counts from 0. */
    public record Page(List<AuditView> items, int page, int size, long total) {
    }
}
