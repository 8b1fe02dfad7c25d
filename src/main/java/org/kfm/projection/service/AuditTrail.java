package org.kfm.projection.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.UUID;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.ops.AuditEntry;
import org.kfm.projection.ops.OpsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every action taken through the service, one row in {@code audit_event} and one log line. A
 * failure to write the row is logged (with the whole entry) and never hides the action's own
 * answer.
 */
@Singleton
public class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger("org.kfm.projection.audit");

    private final OpsStore ops;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kfm-audit");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public AuditTrail(OpsStore ops) {
        this.ops = ops;
    }

    public void record(String principal, String action, JsonNode arguments, String outcome, UUID runId) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            write(principal, action, arguments, outcome, runId);
        } else {
            // A refusal before any resource method runs (403) is answered on the I/O thread: JDBC must not block it.
            writer.execute(() -> write(principal, action, arguments, outcome, runId));
        }
    }

    private void write(String principal, String action, JsonNode arguments, String outcome, UUID runId) {
        LOG.info("audit: principal={} action={} outcome={} run={} arguments={}", principal, action, outcome,
                runId == null ? "-" : runId, arguments);
        try {
            ops.audit(new AuditEntry(principal, action, arguments, outcome, runId));
        } catch (KfmException e) {
            LOG.error("audit row not written ({}): principal={} action={} outcome={} run={}", e.getMessage(),
                    principal, action, outcome, runId);
        }
    }
}
