package org.kfm.projection.webhook;

import org.kfm.projection.settings.WebhookTarget;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kfm.projection.history.WebhookDelivery;

/**
 * One delivery between being queued and being recorded as ended: what is known of it so far (for
 * an {@code ABANDONED} record made by another thread), and a once-only end.
 */
final class PendingDelivery {
    private final WebhookTarget target;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch endedLatch = new CountDownLatch(1);
    private volatile WebhookDelivery recorded;
    private volatile Future<?> task;
    private volatile int attempts;
    private volatile Instant startedAt;

    PendingDelivery(WebhookTarget target, WebhookDelivery queued) {
        this.target = target;
        this.recorded = queued;
    }

    WebhookTarget target() {
        return target;
    }

    /** The delivery as last recorded: queued, or ended. */
    WebhookDelivery recorded() {
        return recorded;
    }

    void task(Future<?> f) {
        this.task = f;
    }

    void attempt(int n, Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
        attempts = n;
    }

    int attempts() {
        return attempts;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean ended() {
        return ended.get();
    }

    /** @return false when it had already ended (someone else recorded it) */
    boolean end(WebhookCall.Result r) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        recorded = recorded.ended(r.outcome(), r.attempts(), r.status(), r.error(), r.startedAt(), r.finishedAt());
        return true;
    }

    /** Lets waiters go, once the end is recorded. */
    void settled() {
        endedLatch.countDown();
    }

    /** @return whether it ended (and was recorded) within the time given */
    boolean awaitEnd(long nanos) {
        try {
            return endedLatch.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended();
        }
    }

    void cancel() {
        Future<?> f = task;
        if (f != null) {
            f.cancel(true);
        }
    }
}
