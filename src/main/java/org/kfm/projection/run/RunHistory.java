package org.kfm.projection.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kfm.projection.history.AuditEntry;
import org.kfm.projection.history.AuditRecord;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.RunEvent;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.ops.AuditLog;
import org.kfm.projection.ops.DeliveryStore;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;

/**
 * The run history as the entry points see it: runs, their events and webhook deliveries, the live
 * generation, and the few records an entry point adds (an audit entry, a cancel request, the runs a
 * dead process left open). The API, the CLI and the service read the ops schema only through here,
 * so the stores of {@code ops} stay the steps' own; every value is of the package {@code history}.
 */
public final class RunHistory {
    private final OpsStore ops;
    private final GenerationStore generations;
    private final DeliveryStore deliveries;
    private final AuditLog auditLog;

    public RunHistory(OpsStore ops, GenerationStore generations, DeliveryStore deliveries, AuditLog auditLog) {
        this.ops = ops;
        this.generations = generations;
        this.deliveries = deliveries;
        this.auditLog = auditLog;
    }

    /** Over the stores of {@code services}, with {@code deliveries} for the webhook outcomes. */
    public static RunHistory of(RebuildServices services, DeliveryStore deliveries) {
        return new RunHistory(services.ops(), services.generations(), deliveries,
                new AuditLog(services.dataSource(), services.settings().opsSchema(), services.json()));
    }

    public Optional<RunSummary> run(UUID runId) {
        return ops.run(runId);
    }

    /** Runs of every kind, newest first, refused attempts left out. */
    public List<RunSummary> recentRuns(String projection, int limit, int offset) {
        return ops.recentRuns(projection, limit, offset);
    }

    /** Runs of one kind, newest first, one page of them. */
    public List<RunSummary> recentRuns(String projection, RunKind kind, int limit, int offset) {
        return ops.recentRuns(projection, kind, limit, offset);
    }

    public long countRuns(String projection, RunKind kind) {
        return ops.countRuns(projection, kind);
    }

    /** Runs, optionally of one kind and one outcome; without an outcome, refused attempts are left out. */
    public List<RunSummary> runs(String projection, Optional<RunKind> kind, Optional<RunOutcome> outcome, int limit,
            int offset) {
        return ops.runs(projection, kind, outcome, limit, offset);
    }

    public long countRuns(String projection, Optional<RunKind> kind, Optional<RunOutcome> outcome) {
        return ops.countRuns(projection, kind, outcome);
    }

    public List<RunEvent> events(UUID runId) {
        return ops.events(runId);
    }

    public List<WebhookDelivery> deliveries(UUID runId) {
        return deliveries.deliveries(runId);
    }

    /** When the newest rebuild that left the projection current (swapped in or skipped) finished. */
    public Optional<Instant> lastSuccess(String projection) {
        return ops.lastSuccess(projection);
    }

    public Optional<Generation> live(String projection) {
        return generations.live(projection);
    }

    /** One page of the audit trail, newest first; an empty list before the ops schema has any row. */
    public List<AuditRecord> auditPage(int size, int offset) {
        return auditLog.page(size, offset);
    }

    /** How many rows the audit trail holds. */
    public long auditCount() {
        return auditLog.count();
    }

    /** Appends one row to the audit trail. */
    public void audit(AuditEntry entry) {
        ops.audit(entry);
    }

    /**
     * Asks an open run to stop; the process running it polls the ops schema.
     *
     * @return false when the run is unknown or already finished
     */
    public boolean requestCancel(UUID runId, String principal) {
        return ops.requestCancel(runId, principal);
    }

    /** Who asked an open run to stop, once someone has. */
    public Optional<String> cancelRequester(UUID runId) {
        return ops.cancelRequester(runId);
    }

    /**
     * Marks the open runs of a process that died as {@code ABANDONED}. Call only while holding the
     * rebuild lock ({@link RebuildLock}), so no live run is marked.
     *
     * @return the ids marked
     */
    public List<UUID> markAbandoned(String projection, String reason) {
        return ops.markAbandoned(projection, new UUID(0, 0), reason);
    }
}
