package org.kfm.projection.run;

import java.util.List;
import org.kfm.projection.history.AuditRecord;
import org.kfm.projection.ops.AuditLog;

/**
 * The audit trail as the entry points read it (the API's {@code GET /audit}): they reach the ops
 * schema through run, never directly.
 */
public final class AuditHistory {
    private final AuditLog log;

    private AuditHistory(AuditLog log) {
        this.log = log;
    }

    public static AuditHistory of(RebuildServices services) {
        return new AuditHistory(new AuditLog(services.dataSource(), services.settings().opsSchema(), services.json()));
    }

    /** One page of the trail, newest first; an empty list before the ops schema has any row. */
    public List<AuditRecord> page(int size, int offset) {
        return log.page(size, offset);
    }

    public long count() {
        return log.count();
    }
}
