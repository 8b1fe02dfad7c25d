package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops old generations, each in its own short transaction under its own {@code lock_timeout}.
 * {@code DROP SCHEMA ... CASCADE} needs an exclusive lock on every table, so it waits for readers
 * still inside the old generation; a timeout is reported, never thrown, and the next prune tries
 * again. A schema that objects outside it depend on is not dropped: CASCADE would take those
 * objects with it.
 */
final class SchemaDropper {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaDropper.class);

    private final DataSource dataSource;
    private final Duration lockTimeout;
    private final OutsideDependencies dependencies;
    private final BlockerProbe probe;

    SchemaDropper(DataSource dataSource, Duration lockTimeout, OutsideDependencies dependencies, BlockerProbe probe) {
        this.dataSource = dataSource;
        this.lockTimeout = lockTimeout;
        this.dependencies = dependencies;
        this.probe = probe;
    }

    PruneResult dropAll(List<PgIdentifier> schemas) {
        List<String> dropped = new ArrayList<>();
        List<DropFailure> failed = new ArrayList<>();
        for (PgIdentifier schema : schemas) {
            DropFailure f = drop(schema);
            if (f == null) {
                dropped.add(schema.name());
            } else {
                failed.add(f);
            }
        }
        return new PruneResult(dropped, failed);
    }

    /** @return null when dropped, else why not */
    private DropFailure drop(PgIdentifier schema) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                return dropIn(c, schema, start);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.warn("could not drop schema {}: {}", schema, e.getMessage());
            return new DropFailure(schema.name(), e.getMessage(), e.getSQLState(), List.of(), List.of());
        }
    }

    private DropFailure dropIn(Connection c, PgIdentifier schema, long start) throws SQLException {
        BlockerProbe.Watch watch = probe.watch(c, lockTimeout);
        try {
            GenerationSchemas.setLocalLockTimeout(c, lockTimeout);
            List<OutsideDependency> dependents = dependencies.find(c, schema);
            if (!dependents.isEmpty()) {
                c.rollback();
                watch.stop();
                return new DropFailure(schema.name(), dependents.size() + " object(s) outside it depend on it and "
                        + "DROP ... CASCADE would drop them too: " + dependents.get(0).describe()
                        + (dependents.size() > 1 ? ", ..." : ""), null, List.of(), dependents);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE");
            }
            c.commit();
            watch.stop();
            LOG.info("dropped schema {} in {} ms", schema, (System.nanoTime() - start) / 1_000_000);
            return null;
        } catch (SQLException e) {
            List<BlockingSession> blockers = watch.stop();
            c.rollback();
            if (blockers.isEmpty() && "55P03".equals(e.getSQLState())) {
                blockers = probe.lockHolders(c, List.of(schema.name()));
            }
            String why = "55P03".equals(e.getSQLState())
                    ? "lock_timeout " + lockTimeout.toMillis() + " ms: still in use by " + describe(blockers)
                    : e.getMessage();
            LOG.warn("could not drop schema {}: {}", schema, why);
            return new DropFailure(schema.name(), why, e.getSQLState(), blockers, List.of());
        }
    }

    static String describe(List<BlockingSession> sessions) {
        if (sessions.isEmpty()) {
            return "sessions that could not be identified (they may have finished)";
        }
        return String.join("; ", sessions.stream().map(BlockingSession::describe).toList());
    }
}
