package org.kfm.projection.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.history.AuditEntry;
import org.kfm.projection.run.RunHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every action taken through the service, one row in {@code audit_event} and one log line. A
 * failure to write the row is logged (with the whole entry) and never hides the action's own
 * answer. What a caller sent is kept short: every string in the arguments is cut to
 * {@link Shown#MAX_CHARS} (with its original length), and every value from the request or the
 * token is escaped in the log line, so a newline in a {@code upn} cannot forge a line.
 */
@Singleton
public class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger("org.kfm.projection.audit");

    private final RunHistory history;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kfm-audit");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public AuditTrail(RunHistory history) {
        this.history = history;
    }

    public void record(String principal, String action, JsonNode arguments, String outcome, UUID runId) {
        record(principal, action, arguments, outcome, runId, null);
    }

    /**
     * @param runId the run the action started or touched; for a refusal, the refused attempt's run
     * @param holderRunId for a refusal because the rebuild lock is held, the run holding it
     */
    public void record(String principal, String action, JsonNode arguments, String outcome, UUID runId,
            UUID holderRunId) {
        AuditEntry entry = new AuditEntry(principal, action, shortened(arguments), outcome, runId, holderRunId);
        if (BlockingOperationControl.isBlockingAllowed()) {
            write(entry);
        } else {
            // A refusal before any resource method runs (403, 413) is answered on the I/O thread: JDBC must not block it.
            writer.execute(() -> write(entry));
        }
    }

    private void write(AuditEntry e) {
        LOG.info("audit: principal={} action={} outcome={} run={} holder={} arguments={}", Shown.value(e.principal()),
                Shown.escape(e.action()), Shown.escape(e.outcome()), e.runId() == null ? "-" : e.runId(),
                e.holderRunId() == null ? "-" : e.holderRunId(),
                e.arguments() == null ? "{}" : Shown.escape(e.arguments().toString()));
        try {
            history.audit(e);
        } catch (KfmException ex) {
            LOG.error("audit row not written ({}): principal={} action={} outcome={} run={}",
                    Shown.escape(ex.getMessage()), Shown.value(e.principal()), Shown.escape(e.action()),
                    Shown.escape(e.outcome()), e.runId());
        }
    }

    /** A copy with every string cut short; member names too, since a caller chose them. */
    static JsonNode shortened(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(Shown.value(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(shortened(n)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                out.set(Shown.value(f.getKey()), shortened(f.getValue()));
            }
            return out;
        }
        return node;
    }
}
