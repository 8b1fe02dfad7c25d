package org.kfm.projection.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The shadow's scan for rules 1, 2, 4 and 5 ({@code version_stats.sql}: counts, digest, SRIDs,
 * validity, extent), started ahead of the validation on a connection and thread of its own, so it
 * can run while the shadow's indexes are built: it needs no index, and {@code CREATE INDEX} (SHARE)
 * and the scan (ACCESS SHARE) do not block each other. Concurrent sequential scans of one table
 * also share its reads (PostgreSQL's synchronized scans). Hand it to
 * {@link ParityValidator#validate(ShadowScan, java.util.Optional, java.util.List, ParityPolicy)},
 * which uses its result instead of scanning again, then close it.
 *
 * <p>The scan runs in a read-only transaction of its own, committed as soon as it ends (a lock held
 * longer would hold up {@code ALTER TABLE ... ADD PRIMARY KEY USING INDEX}). It sees the shadow as
 * committed when it starts: start it only once the load has committed, and only where nobody but
 * the caller writes the shadow (a rebuild under its lock), as the validation's own transaction
 * begins later.
 */
public final class ShadowScan implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowScan.class);
    private static final long CANCEL_RETRY_MILLIS = 200;

    private final DataSource dataSource;
    private final Clock clock;
    private final PgIdentifier schema;
    private final int targetSrid;
    private final int workers;
    private final Map<String, String> mdc;
    private final CompletableFuture<Map<String, VersionStats>> result = new CompletableFuture<>();
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    private ShadowScan(DataSource dataSource, Clock clock, PgIdentifier schema, int targetSrid, int workers) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.targetSrid = targetSrid;
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0: " + workers);
        }
        this.workers = workers;
        this.mdc = MDC.getCopyOfContextMap();
        this.thread = new Thread(this::run, "parity-scan-" + schema.name());
        this.thread.setDaemon(true);
    }

    /**
     * Starts the scan of {@code shadow} and returns at once.
     *
     * @param workers parallel workers the scan may use ({@code max_parallel_workers_per_gather}, never
     *     lowered below the server's setting)
     */
    static ShadowScan start(DataSource dataSource, Clock clock, PgIdentifier shadow, int targetSrid, int workers) {
        ShadowScan scan = new ShadowScan(dataSource, clock, shadow, targetSrid, workers);
        scan.thread.start();
        return scan;
    }

    public PgIdentifier schema() {
        return schema;
    }

    public int targetSrid() {
        return targetSrid;
    }

    private void run() {
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        try {
            Instant t0 = clock.instant();
            LOG.info("parity: scan of {} started ahead of the validation", schema);
            Map<String, VersionStats> stats = scan();
            LOG.info("parity: scan of {} complete in {} ms: {} dataset versions", schema,
                    Duration.between(t0, clock.instant()).toMillis(), stats.size());
            result.complete(stats);
        } catch (SQLException | RuntimeException | Error e) {
            result.completeExceptionally(e);
        } finally {
            MDC.clear();
        }
    }

    private Map<String, VersionStats> scan() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ParityValidator.inTransaction(c, false, () -> {
                ParityValidator.allowWorkers(c, workers);
                StatsQuery query = new StatsQuery(c, schema);
                query.requireTables("shadow");
                if (closed) {
                    throw new SQLException("the scan of " + schema + " was cancelled before it started", "57014");
                }
                return query.shadowStats(targetSrid, null, running::set);
            });
        } finally {
            running.set(null);
        }
    }

    /**
     * The scan's result, waiting for it if need be.
     *
     * @throws SQLException when the scan failed or was cancelled
     * @throws org.kfm.projection.error.KfmException rule {@code parity-schema-missing}, as the validator
     */
    Map<String, VersionStats> await() throws SQLException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SQLException("interrupted while waiting for the shadow scan of " + schema, "57014", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) cause;
        }
    }

    /**
     * Cancels the scan if it is still running and waits for its thread; its result is not needed then.
     * The cancel is repeated until the thread ends: one sent just before the statement starts executing
     * is a no-op in pgjdbc.
     */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            Statement s = running.get();
            if (s != null) {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    LOG.debug("parity: could not cancel the scan of {}: {}", schema, e.getMessage()); // it just ended
                }
            }
            try {
                thread.join(CANCEL_RETRY_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
