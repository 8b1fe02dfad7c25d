package org.kfm.projection.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One audited action of the service: who asked for what, with which arguments, and how it ended.
 *
 * @param principal the caller (a JWT subject or upn, or {@code schedule})
 * @param action a stable name such as {@code rebuild.start} or {@code projection.rollback}
 * @param outcome {@code accepted}, {@code succeeded}, {@code refused:<rule>}, {@code failed:<rule>} or
 *     {@code denied}
 * @param runId the run the action started or touched (for a refused request: the refused attempt's
 *     own run, when one was recorded), if any
 * @param holderRunId for a request refused because the rebuild lock is held: the run holding it
 */
public record AuditEntry(String principal, String action, JsonNode arguments, String outcome, UUID runId,
        UUID holderRunId) {

    public AuditEntry(String principal, String action, JsonNode arguments, String outcome, UUID runId) {
        this(principal, action, arguments, outcome, runId, null);
    }
}
