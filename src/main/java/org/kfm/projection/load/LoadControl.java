package org.kfm.projection.load;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.kfm.projection.db.PgIdentifier;

/**
 * What the workers of one load share: row and byte counters, the assets in flight, the throttled
 * progress reports, the listener's cancel flag and the first failure. Once a failure is recorded
 * every worker stops at its next checkpoint, so one bad artifact ends the whole load quickly.
 */
final class LoadControl {
    /** Thrown in a worker that stops because another one failed; never leaves the loader. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("stopped because another part of the load failed", null, false, false);
        }
    }

    private final LoadListener listener;
    private final Clock clock;
    private final Instant start;
    private final long intervalMillis;
    private final long totalBytes;
    private final PgIdentifier schema;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong nextReportMillis;
    private final Set<String> current = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    LoadControl(LoadListener listener, Clock clock, Duration interval, long totalBytes, PgIdentifier schema) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant();
        this.intervalMillis = interval.toMillis();
        this.totalBytes = totalBytes;
        this.schema = schema;
        this.nextReportMillis = new AtomicLong(start.toEpochMilli() + intervalMillis);
    }

    void assetStarted(String href) {
        current.add(href);
    }

    void assetFinished(String href) {
        current.remove(href);
    }

    /**
     * A worker's checkpoint, every block of rows and at the end of each asset: counts what it did,
     * reports progress when due, then stops the worker if the load is over.
     *
     * @throws Aborted when another worker failed
     * @throws LoadCancelledException when the listener cancels
     */
    void checkpoint(String href, long row, String datasetVersionId, long rowsDelta, long bytesDelta) {
        rows.addAndGet(rowsDelta);
        bytes.addAndGet(bytesDelta);
        long now = clock.millis();
        long due = nextReportMillis.get();
        if (now >= due && nextReportMillis.compareAndSet(due, now + intervalMillis)) {
            report();
        }
        checkContinue(href, row, datasetVersionId);
    }

    /** Stops the worker when another failed or the listener cancels. */
    void checkContinue(String href, long row, String datasetVersionId) {
        if (failure.get() != null) {
            throw new Aborted();
        }
        if (listener.cancelled()) {
            throw new LoadCancelledException(href, row, datasetVersionId, schema.name());
        }
    }

    /**
     * Records a worker's failure. The first one is the load's failure and stops the other workers;
     * later ones are attached to it as suppressed, except the {@link Aborted} stops it caused.
     */
    void fail(Throwable t) {
        if (t instanceof Aborted) {
            return;
        }
        if (!failure.compareAndSet(null, t)) {
            Throwable first = failure.get();
            if (first != t) {
                first.addSuppressed(t);
            }
        }
    }

    Throwable failure() {
        return failure.get();
    }

    long rows() {
        return rows.get();
    }

    long bytes() {
        return bytes.get();
    }

    Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    /** Calls the listener now (serialized: it never runs concurrently with itself). */
    synchronized void report() {
        listener.progress(new LoadProgress(rows.get(), bytes.get(), totalBytes, elapsed(),
                current.stream().sorted().toList()));
    }
}
