package org.kfm.projection.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * The orchestrator's session-level advisory lock for one projection. Keyed by two ints derived
 * from the database and projection names: PostgreSQL keeps two-int keys apart from the one-bigint
 * keys Flyway uses, so the two never collide. Held on a dedicated connection for the whole run;
 * if the process dies, the server ends the session and frees the lock.
 */
public final class RebuildLock implements AutoCloseable {
    private static final String KEY = "hashtext(current_database()), hashtext('kfm-rebuild:' || ?)";
    /** The lock session's application name while it holds the lock: this prefix and the run id. */
    static final String APPLICATION_PREFIX = "kfm-projection run ";

    private final Connection connection;
    private final String projection;

    private RebuildLock(Connection connection, String projection) {
        this.connection = connection;
        this.projection = projection;
    }

    /**
     * Takes the lock at once or refuses; never waits.
     *
     * @throws LockHeldException naming the session (and run) that holds it
     */
    public static RebuildLock acquire(DataSource dataSource, String projection) {
        return acquire(dataSource, projection, null);
    }

    /**
     * Takes the lock for run {@code runId} at once or refuses; never waits. While it holds the lock,
     * the lock's session is named after the run ({@code application_name}), so a refused run can name
     * the holder's run id and a DBA sees it in {@code pg_stat_activity}.
     *
     * @throws LockHeldException naming the session (and run) that holds it
     */
    public static RebuildLock acquire(DataSource dataSource, String projection, UUID runId) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                ps.setString(1, projection);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        RebuildLock lock = new RebuildLock(c, projection);
                        if (runId != null) {
                            try {
                                lock.name(APPLICATION_PREFIX + runId);
                            } catch (SQLException e) {
                                lock.close(); // never hand a held lock back to the pool
                                throw e;
                            }
                        }
                        return lock;
                    }
                }
            }
            List<Holder> holders = holders(c, projection);
            c.close();
            UUID holderRun = holders.stream().map(Holder::runId).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
            throw new LockHeldException(projection, describe(holders), holderRun);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new KfmException(ErrorCode.FAILED, "lock-failed", "cannot take the rebuild lock: " + e.getMessage(), e);
        }
    }

    /** Whether the lock of {@code projection} is held by any session right now. */
    public static boolean isHeld(DataSource dataSource, String projection) {
        try (Connection c = dataSource.getConnection()) {
            return !holders(c, projection).isEmpty();
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "lock-failed", "cannot inspect the rebuild lock: " + e.getMessage(), e);
        }
    }

    /** A session holding the lock; {@code runId} when its application name says which run it is. */
    private record Holder(int pid, String user, String application, String client, java.time.Instant since,
            UUID runId) {
        @Override
        public String toString() {
            return "pid " + pid + ", user " + user + ", application '" + application + "', client " + client
                    + ", connected since " + since;
        }
    }

    private static String describe(List<Holder> holders) {
        return holders.isEmpty() ? "holder unknown" : "held by " + String.join("; ",
                holders.stream().map(Holder::toString).toList());
    }

    private static List<Holder> holders(Connection c, String projection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start
                  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid = (hashtext(current_database())::bigint & 4294967295)::oid
                   AND l.objid = (hashtext('kfm-rebuild:' || ?)::bigint & 4294967295)::oid""")) {
            ps.setString(1, projection);
            List<Holder> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(3);
                    out.add(new Holder(rs.getInt(1), rs.getString(2), app, rs.getString(4),
                            rs.getTimestamp(5).toInstant(), runIdOf(app)));
                }
            }
            return out;
        }
    }

    private static UUID runIdOf(String applicationName) {
        if (applicationName == null || !applicationName.startsWith(APPLICATION_PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(applicationName.substring(APPLICATION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void name(String applicationName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            ps.setString(1, applicationName);
            ps.execute();
        }
    }

    /** The connection that holds the lock; it stays busy only with lock bookkeeping. */
    public String projection() {
        return projection;
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")");
                Statement reset = connection.createStatement()) {
            ps.setString(1, projection);
            ps.execute();
            reset.execute("RESET application_name"); // the pooled connection goes back under its own name
        } catch (SQLException e) {
            // closing the session below frees the lock anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
