package org.kfm.projection.history;

import java.time.Instant;

/**
 * One row of the audit trail as read back: the {@link AuditEntry} that was recorded, with its row id
 * and when it was written.
 *
 * @param id the row's id, increasing in the order rows were written
 * @param at when the action was audited (the service's clock)
 */
public record AuditRecord(long id, Instant at, AuditEntry entry) {
}
