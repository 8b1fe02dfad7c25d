package org.kfm.projection.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.run.Phase;
import org.kfm.projection.run.RunHistory;

/**
 * The service's Prometheus metrics (names as exported):
 * {@code kfm_rebuild_runs_total{outcome}}, {@code kfm_rebuild_phase_seconds{phase}},
 * {@code kfm_rebuild_rows_loaded_total}, {@code kfm_projection_live}, {@code kfm_projection_generation},
 * {@code kfm_projection_generation_age_seconds}, {@code kfm_rebuild_last_success_timestamp_seconds},
 * {@code kfm_parity_failures_total}, {@code kfm_rebuild_lock_refusals_total},
 * {@code kfm_schedule_skips_total{reason}}. The generation gauges read the ops schema at most every
 * few seconds, so they follow swaps and rollbacks made by other replicas or the CLI too.
 */
@Singleton
public class ServiceMetrics {
    /** Reasons a scheduled tick did not start a rebuild. */
    public static final String SKIP_UNCHANGED = "unchanged";
    public static final String SKIP_LOCK_HELD = "lock-held";
    public static final String SKIP_ERROR = "error";

    private static final Duration GENERATION_CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final RunHistory history;
    private final String projection;
    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile Optional<Generation> live = Optional.empty();
    private volatile Instant liveReadAt = Instant.EPOCH;

    @Inject
    public ServiceMetrics(MeterRegistry registry, RunHistory history, Settings settings,
            Clock clock) {
        this.registry = registry;
        this.history = history;
        this.projection = settings.projection().name();
        this.clock = clock;
        for (RunOutcome o : RunOutcome.values()) {
            runs(o.name());
        }
        for (Phase p : Phase.values()) {
            if (p.step() > 0) {
                phaseTimer(p.name());
            }
        }
        rowsLoaded();
        parityFailures();
        lockRefusals();
        for (String reason : new String[] {SKIP_UNCHANGED, SKIP_LOCK_HELD, SKIP_ERROR}) {
            scheduleSkips(reason);
        }
        Gauge.builder("kfm.projection.generation", this, m -> m.liveGeneration().map(g -> (double) g.number())
                .orElse(Double.NaN)).description("Number of the live generation").strongReference(true)
                .register(registry);
        Gauge.builder("kfm.projection.live", this, m -> m.liveGeneration().isPresent() ? 1 : 0)
                .description("1 when the projection has a live generation, 0 before the first rebuild swapped one in")
                .strongReference(true).register(registry);
        Gauge.builder("kfm.projection.generation.age", this, ServiceMetrics::generationAgeSeconds)
                .baseUnit("seconds").description("Time since the live generation was swapped in")
                .strongReference(true).register(registry);
        Gauge.builder("kfm.rebuild.last.success.timestamp", this, m -> m.lastSuccess == null ? Double.NaN
                : m.lastSuccess.toEpochMilli() / 1000.0).baseUnit("seconds")
                .description("End of the last rebuild that left the projection current (swapped or unchanged)")
                .strongReference(true).register(registry);
    }

    /** At startup: the last success recorded by any process, so the gauge survives restarts. */
    public void loadLastSuccess() {
        history.lastSuccess(projection).ifPresent(t -> lastSuccess = t);
    }

    /** A run ended: count its outcome, phases, rows and parity failure. */
    public void runFinished(Optional<RunSummary> recorded, String channel) {
        if (recorded.isEmpty() || recorded.get().outcome() == null) {
            return;
        }
        RunSummary r = recorded.get();
        runs(r.outcome()).increment();
        JsonNode receipt = r.receipt() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : r.receipt();
        for (JsonNode p : receipt.path("phases")) {
            if (!"skipped".equals(p.path("status").asText())) {
                phaseTimer(p.path("phase").asText()).record(Duration.ofMillis(p.path("durationMs").asLong()));
            }
        }
        long rows = receipt.path("load").path("rows").asLong(0);
        if (rows > 0) {
            rowsLoaded().increment(rows);
        }
        if ("parity-failed".equals(r.errorRule())) {
            parityFailures().increment();
        }
        if (RunOutcome.SUCCEEDED.name().equals(r.outcome()) || RunOutcome.SKIPPED.name().equals(r.outcome())) {
            lastSuccess = r.finishedAt();
        }
        if ("schedule".equals(channel) && RunOutcome.SKIPPED.name().equals(r.outcome())) {
            scheduleSkipped(SKIP_UNCHANGED);
        }
        liveReadAt = Instant.EPOCH; // a swap may have changed the live generation
    }

    public void lockRefused() {
        lockRefusals().increment();
    }

    public void parityFailed() {
        parityFailures().increment();
    }

    public void scheduleSkipped(String reason) {
        scheduleSkips(reason).increment();
    }

    private Optional<Generation> liveGeneration() {
        Instant now = clock.instant();
        if (Duration.between(liveReadAt, now).compareTo(GENERATION_CACHE) >= 0) {
            try {
                live = history.live(projection);
            } catch (RuntimeException e) {
                live = Optional.empty(); // database unreachable: readiness says so; the gauges go blank
            }
            liveReadAt = now;
        }
        return live;
    }

    private double generationAgeSeconds() {
        return liveGeneration().map(Generation::swappedInAt)
                .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN);
    }

    private Counter runs(String outcome) {
        return Counter.builder("kfm.rebuild.runs").tag("outcome", outcome)
                .description("Rebuilds run by this service, by outcome").register(registry);
    }

    private Timer phaseTimer(String phase) {
        return Timer.builder("kfm.rebuild.phase").tag("phase", phase)
                .description("Duration of each rebuild phase").register(registry);
    }

    private Counter rowsLoaded() {
        return Counter.builder("kfm.rebuild.rows.loaded").description("Rows copied into shadow generations")
                .register(registry);
    }

    private Counter parityFailures() {
        return Counter.builder("kfm.parity.failures")
                .description("Rebuilds and validations that failed parity").register(registry);
    }

    private Counter lockRefusals() {
        return Counter.builder("kfm.rebuild.lock.refusals")
                .description("Rebuild requests refused because another run held the lock").register(registry);
    }

    private Counter scheduleSkips(String reason) {
        return Counter.builder("kfm.schedule.skips").tag("reason", reason)
                .description("Scheduled ticks that did not rebuild, by reason").register(registry);
    }
}
