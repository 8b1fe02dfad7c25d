package org.kfm.projection.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The extra connections of a dataset version whose artifacts are split over several COPY streams,
 * each in a transaction of its own, opened when its first split asset needs them and kept for the
 * version's other split assets. The version's own connection commits after these: a failure between
 * the commits leaves rows without their version row, which only a failed load can do, and a failed
 * load throws the shadow away (docs/loader.md, "One big artifact").
 */
final class StreamConnections {
    private final DataSource dataSource;
    private final List<Connection> open = new ArrayList<>();
    private boolean committed;

    StreamConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code main} followed by {@code extra} more connections, each with auto-commit off. */
    List<Connection> with(Connection main, int extra) throws SQLException {
        while (open.size() < extra) {
            Connection c = dataSource.getConnection();
            open.add(c);
            c.setAutoCommit(false);
        }
        List<Connection> all = new ArrayList<>(extra + 1);
        all.add(main);
        all.addAll(open.subList(0, extra));
        return all;
    }

    void commit() throws SQLException {
        for (Connection c : open) {
            c.commit();
        }
        committed = true;
    }

    /** Rolls back what was not committed and closes every connection; cleanup errors are attached to {@code failure}. */
    void close(Throwable failure) {
        for (Connection c : open) {
            try (c) {
                if (!committed) {
                    c.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
    }
}
