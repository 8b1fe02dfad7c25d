package org.kfm.projection.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.AcceptedRebuild;
import org.kfm.projection.run.Cancellation;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RunHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the service's rebuilds: accepted (recorded, lock taken) on the caller's thread so a refusal
 * is immediate, then run on one executor thread. Cancellation is cooperative: the run stops at its
 * next batch. Shutdown cancels the running rebuild and waits the configured grace period for it to
 * record CANCELLED.
 */
@Singleton
public class RebuildService {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildService.class);
    private static final long CANCEL_POLL_MS = 1_000;

    private final RebuildOrchestrator orchestrator;
    private final RunHistory history;
    private final ServiceMetrics metrics;
    private final ServiceSettings settings;
    private final Map<UUID, ServiceObserver> active = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> thread(r, "kfm-rebuild"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            r -> thread(r, "kfm-cancel-poll"));

    @Inject
    public RebuildService(RebuildOrchestrator orchestrator, RunHistory history, ServiceMetrics metrics,
            ServiceSettings settings) {
        this.orchestrator = orchestrator;
        this.history = history;
        this.metrics = metrics;
        this.settings = settings;
    }

    @PostConstruct
    void start() {
        poller.scheduleWithFixedDelay(this::pollCancelRequests, CANCEL_POLL_MS, CANCEL_POLL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Records a rebuild, takes the lock and starts it in the background.
     *
     * @return the run's id, recorded before this returns
     * @throws KfmException {@code LOCK_HELD} at once when another run holds the lock
     */
    public UUID submit(RebuildRequest request) {
        return submit(request, id -> {
        });
    }

    /**
     * As {@link #submit(RebuildRequest)}, telling {@code recorded} the run's id as soon as the run is
     * recorded: also when it is then refused, so the refusal can name its own run.
     */
    public UUID submit(RebuildRequest request, Consumer<UUID> recorded) {
        ServiceObserver observer = new ServiceObserver(recorded);
        AcceptedRebuild accepted;
        try {
            accepted = orchestrator.accept(request, observer);
        } catch (KfmException e) {
            if (e.code() == ErrorCode.LOCK_HELD) {
                metrics.lockRefused();
            }
            throw e;
        }
        UUID id = accepted.runId();
        active.put(id, observer);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        try {
            executor.execute(() -> runInBackground(accepted, request, mdc));
        } catch (RejectedExecutionException e) {
            active.remove(id);
            orchestrator.discard(accepted, Cancellation.shutdown());
            throw new KfmException(ErrorCode.FAILED, "shutting-down", "the service is shutting down: rebuild " + id
                    + " was recorded but not started. Live projection untouched", e);
        }
        LOG.info("rebuild {} accepted ({} via {})", id, Shown.value(request.trigger().principal()),
                request.trigger().channel());
        return id;
    }

    private void runInBackground(AcceptedRebuild accepted, RebuildRequest request, Map<String, String> mdc) {
        UUID id = accepted.runId();
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        MDC.put("runId", id.toString());
        try {
            orchestrator.run(accepted);
        } catch (KfmException e) {
            // recorded with its receipt by the orchestrator; the caller polls GET /rebuilds/{id}
        } catch (RuntimeException e) {
            LOG.error("rebuild {} ended unexpectedly", id, e);
        } finally {
            active.remove(id);
            try {
                metrics.runFinished(history.run(id), request.trigger().channel());
            } catch (RuntimeException e) {
                LOG.warn("rebuild {}: metrics not updated, the run record could not be read: {}", id, e.getMessage());
            }
            MDC.clear();
        }
    }

    /**
     * Asks a running rebuild to stop at its next batch, wherever it runs (the ops schema carries the
     * request to other replicas).
     *
     * @return the run as recorded after the request
     * @throws KfmException rule {@code run-not-found} or {@code run-not-running}
     */
    public RunSummary cancel(UUID runId, String principal) {
        RunSummary run = history.run(runId).filter(r -> RunKind.REBUILD.dbValue().equals(r.kind()))
                .orElseThrow(() -> notFound(runId));
        ServiceObserver here = active.get(runId);
        if (here != null) {
            here.cancel(Cancellation.request(principal));
        }
        if (!history.requestCancel(runId, principal)) {
            throw new KfmException(ErrorCode.BAD_USAGE, "run-not-running", "rebuild " + runId + " is not running (it "
                    + "ended " + Optional.ofNullable(run.outcome()).orElse("already") + "); nothing to cancel");
        }
        LOG.info("cancel of rebuild {} requested by {}", runId, Shown.value(principal));
        return history.run(runId).orElse(run);
    }

    /** The error of an unknown rebuild id (answered 404). */
    public static KfmException notFound(UUID runId) {
        return new KfmException(ErrorCode.BAD_USAGE, "run-not-found", "no rebuild with id " + runId);
    }

    private void pollCancelRequests() {
        for (Map.Entry<UUID, ServiceObserver> e : active.entrySet()) {
            try {
                if (!e.getValue().cancelRequested()) {
                    history.cancelRequester(e.getKey()).ifPresent(by -> {
                        LOG.info("rebuild {}: cancel requested by {} through the ops schema", e.getKey(), by);
                        e.getValue().cancel(Cancellation.request(by));
                    });
                }
            } catch (RuntimeException ex) {
                LOG.debug("cannot poll the cancel flag of {}: {}", e.getKey(), ex.getMessage());
            }
        }
    }

    /** Only when the service was used: a CLI command must not create it (nor its database) to stop. */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        shutdown();
    }

    /** Cancels what runs, waits up to the grace period for it to record CANCELLED, then stops. */
    void shutdown() {
        executor.shutdown();
        poller.shutdownNow();
        active.forEach((id, o) -> {
            LOG.warn("shutting down: cancelling rebuild {} (in {})", id, o.phase());
            o.cancel(Cancellation.shutdown());
        });
        try {
            if (!executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("rebuild(s) {} still running after the shutdown grace of {}; the next start marks them "
                        + "ABANDONED, and the live projection is untouched unless the swap had begun",
                        active.keySet(), settings.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
