package org.kfm.projection.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One webhook delivery of a committed swap, as recorded in {@code kfm_ops.webhook_delivery}.
 *
 * @param position the URL's place in {@code kfm.webhooks.urls} (1-based)
 * @param target the URL's label: a configured name, or {@code scheme://host[:port]/path}; never a
 *     query string or userinfo
 * @param attempts calls made so far
 * @param status the last HTTP status received, null when none was
 * @param error the last error (no URL query or userinfo in it), null when delivered
 * @param startedAt when the first call began, null while queued or when never called
 * @param finishedAt when it ended, null while pending
 */
public record WebhookDelivery(UUID runId, int position, String target, DeliveryOutcome outcome, int attempts,
        Integer status, String error, Instant queuedAt, Instant startedAt, Instant finishedAt) {

    /** Times at PostgreSQL's precision (microseconds), so a delivery in memory equals its row. */
    public WebhookDelivery {
        queuedAt = micros(queuedAt);
        startedAt = micros(startedAt);
        finishedAt = micros(finishedAt);
    }

    private static Instant micros(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    /** A delivery just queued. */
    public static WebhookDelivery queued(UUID runId, int position, String target, Instant at) {
        return new WebhookDelivery(runId, position, target, DeliveryOutcome.PENDING, 0, null, null, at, null, null);
    }

    /** This delivery, ended. */
    public WebhookDelivery ended(DeliveryOutcome o, int calls, Integer lastStatus, String lastError, Instant start,
            Instant end) {
        return new WebhookDelivery(runId, position, target, o, calls, lastStatus, lastError, queuedAt, start, end);
    }
}
