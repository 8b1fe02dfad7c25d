package org.kfm.projection.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.postgresql.PGConnection;

/**
 * Runs one statement-like task per item on up to N connections (autocommit), timing each. The first
 * failure stops the others: no new item starts and the statements still running are cancelled
 * (an index build can take minutes). It is thrown, with later real failures suppressed, once every
 * connection is closed.
 */
final class StatementPool {
    /** One unit of work on a connection. */
    interface Task<T> {
        void run(Connection connection, T item) throws SQLException;
    }

    /** SQLSTATE query_canceled: what a statement we cancelled ourselves fails with. */
    private static final String QUERY_CANCELED = "57014";

    private final DataSource dataSource;
    private final Clock clock;
    private final String threadName;

    StatementPool(DataSource dataSource, Clock clock, String threadName) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    /** Runs {@code task} for every item, in list order as connections free up; returns each item's duration. */
    <T> Map<T, Duration> run(List<T> items, int parallelism, Task<T> task) {
        Run<T> run = new Run<>(items, task);
        if (items.isEmpty()) {
            return run.timings;
        }
        int threads = Math.min(parallelism, items.size());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(run::work));
            }
            workers.forEach(StatementPool::awaitQuietly);
        } finally {
            pool.shutdownNow();
        }
        Throwable first = run.failure.get();
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
        return run.timings;
    }

    /** The shared state of one {@link #run}. */
    private final class Run<T> {
        final Queue<T> queue;
        final Task<T> task;
        final Map<T, Duration> timings = new ConcurrentHashMap<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Set<Connection> busy = ConcurrentHashMap.newKeySet();

        Run(List<T> items, Task<T> task) {
            this.queue = new ConcurrentLinkedQueue<>(items);
            this.task = task;
        }

        void work() {
            T current = null;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                busy.add(c);
                try {
                    for (T item = queue.poll(); item != null && failure.get() == null; item = queue.poll()) {
                        current = item;
                        Instant t0 = clock.instant();
                        task.run(c, item);
                        timings.put(item, Duration.between(t0, clock.instant()));
                    }
                } finally {
                    busy.remove(c);
                }
            } catch (SQLException e) {
                if (failure.get() == null || !QUERY_CANCELED.equals(e.getSQLState())) {
                    record(LoadErrors.DISK_FULL.equals(e.getSQLState())
                            ? LoadErrors.diskFull(describe(current), e)
                            : new KfmException(ErrorCode.FAILED, "index-failed", e.getMessage() + " [SQLSTATE "
                                    + e.getSQLState() + "]", e));
                }
            } catch (RuntimeException | Error e) {
                record(e);
            }
        }

        private static String describe(Object item) {
            return item instanceof IndexDefinition d ? "building " + d.name() + " on " + d.table()
                    : item == null ? "connecting" : "ANALYZE of " + item;
        }

        private void record(Throwable e) {
            if (failure.compareAndSet(null, e)) {
                cancelRunning();
            } else {
                failure.get().addSuppressed(e);
            }
        }

        /** Called after the failing worker has left {@code busy}: cancels what the others are running. */
        private void cancelRunning() {
            for (Connection other : busy) {
                try {
                    other.unwrap(PGConnection.class).cancelQuery();
                } catch (SQLException | RuntimeException e) {
                    failure.get().addSuppressed(e);
                }
            }
        }
    }

    /** Waits for a worker; an interrupt is kept for the caller, since the worker still holds a connection. */
    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
