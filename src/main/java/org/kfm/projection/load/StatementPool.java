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

/**
 * Runs one statement-like task per item on up to N connections (autocommit), timing each. After the
 * first failure no new item starts; running ones finish; the first failure is thrown with later ones
 * suppressed, once every connection is closed.
 */
final class StatementPool {
    /** One unit of work on a connection. */
    interface Task<T> {
        void run(Connection connection, T item) throws SQLException;
    }

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
        Map<T, Duration> timings = new ConcurrentHashMap<>();
        if (items.isEmpty()) {
            return timings;
        }
        Queue<T> queue = new ConcurrentLinkedQueue<>(items);
        AtomicReference<Throwable> failure = new AtomicReference<>();
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
                workers.add(pool.submit(() -> work(queue, task, timings, failure)));
            }
            for (Future<?> w : workers) {
                awaitQuietly(w);
            }
        } finally {
            pool.shutdownNow();
        }
        Throwable first = failure.get();
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
        return timings;
    }

    private <T> void work(Queue<T> queue, Task<T> task, Map<T, Duration> timings,
            AtomicReference<Throwable> failure) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (T item = queue.poll(); item != null && failure.get() == null; item = queue.poll()) {
                Instant t0 = clock.instant();
                task.run(c, item);
                timings.put(item, Duration.between(t0, clock.instant()));
            }
        } catch (SQLException e) {
            record(failure, new KfmException(ErrorCode.FAILED, "index-failed", e.getMessage() + " [SQLSTATE "
                    + e.getSQLState() + "]", e));
        } catch (RuntimeException | Error e) {
            record(failure, e);
        }
    }

    private static void record(AtomicReference<Throwable> failure, Throwable e) {
        if (!failure.compareAndSet(null, e)) {
            failure.get().addSuppressed(e);
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
