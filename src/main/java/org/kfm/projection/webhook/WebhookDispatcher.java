package org.kfm.projection.webhook;

import org.kfm.projection.settings.WebhookTarget;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.DeliveryOutcome;
import org.kfm.projection.ops.DeliveryStore;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.run.SwapListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers committed swaps to the configured webhooks on its own threads, after the run has ended
 * and released the rebuild lock: a receiver that hangs costs its own delivery thread, never a
 * rebuild. One thread per URL, so URLs are called in parallel; a bounded queue behind them, and a
 * delivery that finds it full is recorded {@code DROPPED} at once instead of waiting. Every delivery
 * is recorded in {@code kfm_ops.webhook_delivery} when queued ({@code PENDING}) and when it ends.
 * {@link #shutdown(Duration)} lets deliveries in flight finish within the grace period, then
 * interrupts them and records what did not end as {@code ABANDONED}.
 */
public final class WebhookDispatcher implements SwapListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(1);

    private final WebhookSettings settings;
    private final DeliveryStore store;
    private final Clock clock;
    private final WebhookCall call;
    private final ThreadPoolExecutor executor;
    private final Map<UUID, List<PendingDelivery>> open = new ConcurrentHashMap<>();

    public WebhookDispatcher(WebhookSettings settings, DeliveryStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.call = new WebhookCall(HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), settings, clock);
        int threads = Math.max(1, settings.targets().size());
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), r -> {
                    Thread t = new Thread(r, "kfm-webhook-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public List<String> targets() {
        return settings.targets().stream().map(WebhookTarget::label).toList();
    }

    /** Queues one delivery per URL and returns at once; each is recorded {@code PENDING} first. */
    @Override
    public void swapped(UUID runId, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        List<PendingDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < settings.targets().size(); i++) {
            deliveries.add(new PendingDelivery(settings.targets().get(i), WebhookDelivery.queued(runId, i + 1,
                    settings.targets().get(i).label(), clock.instant())));
        }
        open.put(runId, List.copyOf(deliveries));
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        List<String> queued = new ArrayList<>();
        for (PendingDelivery d : deliveries) {
            save(d.recorded());
            try {
                d.task(executor.submit(() -> deliver(d, body, mdc)));
                queued.add(d.target().label());
            } catch (RejectedExecutionException e) {
                end(d, DeliveryOutcome.DROPPED, executor.isShutdown() ? "not sent: the process is stopping"
                        : "not sent: the delivery queue is full (" + settings.queueCapacity() + " waiting)", null);
            }
        }
        if (!queued.isEmpty()) {
            LOG.info("swap of run {}: webhook delivery(ies) queued for {}", runId, queued);
        }
    }

    /**
     * Waits until every delivery of the run has ended, at most one delivery's bound (timeout ×
     * attempts plus backoff) plus one timeout of slack: the URLs are called in parallel. What has
     * not ended by then is interrupted and recorded {@code ABANDONED}.
     *
     * @return the deliveries as recorded (read back from the ops schema when they ended before)
     */
    @Override
    public List<WebhookDelivery> awaitDeliveries(UUID runId) {
        List<PendingDelivery> deliveries = open.get(runId);
        if (deliveries == null) {
            return store.deliveries(runId);
        }
        long deadline = System.nanoTime() + settings.deliveryBound().plus(settings.timeout()).toNanos();
        for (PendingDelivery d : deliveries) {
            if (!d.awaitEnd(deadline - System.nanoTime())) {
                d.cancel();
                end(d, DeliveryOutcome.ABANDONED, "still running when the caller stopped waiting after "
                        + settings.deliveryBound().plus(settings.timeout()), null);
            }
        }
        return deliveries.stream().map(PendingDelivery::recorded).toList();
    }

    /**
     * Stops taking deliveries, lets those in flight finish within {@code grace}, then interrupts the
     * rest; every delivery that did not end (queued or in flight) is recorded {@code ABANDONED}.
     */
    public void shutdown(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(INTERRUPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        int abandoned = 0;
        for (List<PendingDelivery> deliveries : open.values()) {
            for (PendingDelivery d : deliveries) {
                if (end(d, DeliveryOutcome.ABANDONED, "the process stopped (shutdown grace " + grace + ") before this "
                        + "delivery ended", null)) {
                    abandoned++;
                }
            }
        }
        if (abandoned > 0) {
            LOG.warn("webhooks: {} delivery(ies) recorded ABANDONED at shutdown after a grace of {}", abandoned, grace);
        }
    }

    private void deliver(PendingDelivery d, byte[] body, Map<String, String> mdc) {
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        MDC.put("runId", d.recorded().runId().toString());
        try {
            WebhookCall.Result r = call.deliver(d.target(), d.recorded().runId(), body, d::attempt);
            boolean interrupted = Thread.interrupted(); // the ops write below must not see the interrupt
            end(d, r);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            MDC.clear();
        }
    }

    private boolean end(PendingDelivery d, DeliveryOutcome outcome, String error, Integer status) {
        return end(d, new WebhookCall.Result(outcome, d.attempts(), status, error, d.startedAt(), clock.instant()));
    }

    /** Records the end once, whoever gets there first (the delivery, the waiting caller, the shutdown). */
    private boolean end(PendingDelivery d, WebhookCall.Result r) {
        if (!d.end(r)) {
            return false;
        }
        save(d.recorded());
        d.settled();
        UUID runId = d.recorded().runId();
        List<PendingDelivery> all = open.get(runId);
        if (all != null && all.stream().allMatch(PendingDelivery::ended)) {
            open.remove(runId, all);
        }
        log(d.recorded());
        return true;
    }

    private void save(WebhookDelivery d) {
        try {
            store.record(d);
        } catch (KfmException e) {
            LOG.warn("webhook {} of run {}: outcome {} not recorded: {}", d.target(), d.runId(), d.outcome(),
                    e.getMessage());
        }
    }

    private static void log(WebhookDelivery d) {
        if (d.outcome() == DeliveryOutcome.DELIVERED) {
            LOG.info("webhook {} delivered in {} attempt(s), status {}", d.target(), d.attempts(), d.status());
        } else {
            LOG.warn("webhook {} {} after {} attempt(s): {} (the swap stands)", d.target(), d.outcome(), d.attempts(),
                    d.error());
        }
    }
}
