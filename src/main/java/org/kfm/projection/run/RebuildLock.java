package org.kfm.projection.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    private final Connection connection;
    private final String projection;

    private RebuildLock(Connection connection, String projection) {
        this.connection = connection;
        this.projection = projection;
    }

    /**
     * Takes the lock at once or refuses; never waits.
     *
     * @throws KfmException code {@code LOCK_HELD} naming the session that holds it
     */
    public static RebuildLock acquire(DataSource dataSource, String projection) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                ps.setString(1, projection);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new RebuildLock(c, projection);
                    }
                }
            }
            String holders = holders(c, projection);
            c.close();
            throw new KfmException(ErrorCode.LOCK_HELD, "lock-held", "another run holds the rebuild lock of projection "
                    + projection + " (" + holders + "). Wait for it to finish (kfm-projection status shows it); "
                    + "the lock is freed automatically if that process dies");
        } catch (SQLException e) {
            closeQuietly(c);
            throw new KfmException(ErrorCode.FAILED, "lock-failed", "cannot take the rebuild lock: " + e.getMessage(), e);
        }
    }

    /** Whether the lock of {@code projection} is held by any session right now. */
    public static boolean isHeld(DataSource dataSource, String projection) {
        try (Connection c = dataSource.getConnection()) {
            return !holders(c, projection).equals("holder unknown");
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "lock-failed", "cannot inspect the rebuild lock: " + e.getMessage(), e);
        }
    }

    private static String holders(Connection c, String projection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start
                  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid = (hashtext(current_database())::bigint & 4294967295)::oid
                   AND l.objid = (hashtext('kfm-rebuild:' || ?)::bigint & 4294967295)::oid""")) {
            ps.setString(1, projection);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + ", user " + rs.getString(2) + ", application '" + rs.getString(3)
                            + "', client " + rs.getString(4) + ", connected since " + rs.getTimestamp(5).toInstant());
                }
            }
            return out.isEmpty() ? "holder unknown" : "held by " + String.join("; ", out);
        }
    }

    /** The connection that holds the lock; it stays busy only with lock bookkeeping. */
    public String projection() {
        return projection;
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
            ps.setString(1, projection);
            ps.execute();
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
