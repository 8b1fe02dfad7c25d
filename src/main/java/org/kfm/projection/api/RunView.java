package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kfm.projection.history.RunEvent;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.run.Phase;

/**
 * A rebuild as the API shows it. The list leaves out events, parity and receipt.
 *
 * @param state the recorded state: a phase while running, the outcome once ended
 * @param phase the phase it is in, or (ended) the last phase it reached
 * @param progress the loader's last report: rows, bytes, totalBytes, fraction, rowsPerSecond, etaMs
 * @param cancelRequested whether a cancel was asked for (the run stops at its next batch)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(UUID id, String kind, String state, String phase, boolean running, String outcome,
        String triggeredBy, String trigger, Instant startedAt, Instant finishedAt, String catalogUri,
        String catalogDigest, Long generation, JsonNode progress, Error error, List<Event> events, JsonNode parity,
        List<Webhook> webhooks, JsonNode receipt, String self) {

    public record Error(String code, String rule, String message) {
    }

    /** One webhook delivery of the run's swap, read from kfm_ops.webhook_delivery; target is a label. */
    public record Webhook(String target, String outcome, int attempts, Integer status, String error, Instant queuedAt,
            Instant startedAt, Instant finishedAt) {
        static Webhook of(WebhookDelivery d) {
            return new Webhook(d.target(), d.outcome().name(), d.attempts(), d.status(), d.error(), d.queuedAt(),
                    d.startedAt(), d.finishedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String state, String message, JsonNode details) {
    }

    static RunView summary(RunSummary r) {
        return of(r, null, null);
    }

    static RunView detail(RunSummary r, List<RunEvent> events, List<WebhookDelivery> deliveries) {
        return of(r, events, deliveries);
    }

    private static RunView of(RunSummary r, List<RunEvent> events, List<WebhookDelivery> deliveries) {
        boolean running = r.finishedAt() == null;
        JsonNode receipt = events == null ? null : r.receipt();
        Error error = r.errorCode() == null && r.errorRule() == null ? null
                : new Error(r.errorCode(), r.errorRule(), r.errorMessage());
        return new RunView(r.runId(), r.kind(), r.state(), phase(r, events), running, r.outcome(), r.triggeredBy(),
                r.trigger(), r.startedAt(), r.finishedAt(), r.catalogUri(), r.catalogDigest(), r.generation(),
                r.progress(), error, events == null ? null : events.stream().map(e -> new Event(e.at(), e.state(),
                        e.message(), e.details())).toList(), receipt == null ? null : receipt.get("parity"),
                deliveries == null || deliveries.isEmpty() ? null : deliveries.stream().map(Webhook::of).toList(),
                receipt, "/api/v1/rebuilds/" + r.runId());
    }

    private static String phase(RunSummary r, List<RunEvent> events) {
        if (isPhase(r.state())) {
            return r.state();
        }
        if (events == null) {
            return null;
        }
        String last = null;
        for (RunEvent e : events) {
            if (isPhase(e.state())) {
                last = e.state();
            }
        }
        return last;
    }

    private static boolean isPhase(String state) {
        try {
            return state != null && Phase.valueOf(state).step() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
