package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.kfm.projection.db.SqlResources;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the sessions a waiting statement is blocked by. Once a lock wait times out, the waiter no
 * longer waits and {@code pg_blocking_pids} has nothing to say, so the probe looks from a second
 * connection while the statement still runs: a task scheduled for half the lock timeout, repeated,
 * and cancelled as soon as the transaction ends (the common, fast case costs a schedule and a
 * cancel, no connection).
 */
final class BlockerProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BlockerProbe.class);
    private final SqlResources sql = new SqlResources("swap", null);

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler;

    BlockerProbe(DataSource dataSource) {
        this.dataSource = dataSource;
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kfm-swap-blocker-probe");
            t.setDaemon(true);
            return t;
        });
        s.setKeepAliveTime(10, TimeUnit.SECONDS);
        s.allowCoreThreadTimeOut(true);
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
    }

    /** A running watch over one backend; {@link #stop()} returns the blockers last seen. */
    final class Watch {
        private final AtomicReference<List<BlockingSession>> seen = new AtomicReference<>(List.of());
        private final ScheduledFuture<?> task;

        private Watch(int pid, Duration every) {
            long ms = Math.max(10, every.toMillis());
            this.task = scheduler.scheduleWithFixedDelay(() -> look(pid), ms, ms, TimeUnit.MILLISECONDS);
        }

        private void look(int pid) {
            try (Connection c = dataSource.getConnection()) {
                List<BlockingSession> now = blockersOf(c, pid);
                if (!now.isEmpty()) {
                    seen.set(now);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("blocker probe for backend {} failed: {}", pid, e.toString());
            }
        }

        List<BlockingSession> stop() {
            task.cancel(false);
            return seen.get();
        }
    }

    /** Starts watching the backend of {@code c}, looking every {@code lockTimeout / 2}. */
    Watch watch(Connection c, Duration lockTimeout) throws SQLException {
        return new Watch(c.unwrap(PGConnection.class).getBackendPID(), lockTimeout.dividedBy(2));
    }

    List<BlockingSession> blockersOf(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("blocking_sessions"))) {
            ps.setInt(1, pid);
            return read(ps);
        }
    }

    /** Sessions holding locks on the schemas or their relations (a fallback: see lock_holders.sql). */
    List<BlockingSession> lockHolders(Connection c, List<String> schemas) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("lock_holders"))) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            ps.setArray(2, c.createArrayOf("text", schemas.toArray()));
            return read(ps);
        }
    }

    private static List<BlockingSession> read(PreparedStatement ps) throws SQLException {
        List<BlockingSession> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new BlockingSession(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }
}
