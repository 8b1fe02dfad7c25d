package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * One attempt of a swap or rollback: a single short transaction with {@code SET LOCAL
 * lock_timeout}, the dependency check, the renames, the generation comment, the caller's hook,
 * {@code pg_notify} and the commit. Any failure rolls everything back; waits the caller may retry
 * come back as {@link Blocked}.
 */
final class SwapTransaction {
    /** @param renameToCommit from the first rename to the end of COMMIT: while catalog rows are locked */
    record Committed(SwapPlan plan, Duration time, Duration renameToCommit, boolean notifyTrimmed) {
    }

    /** The attempt was rolled back after a lock timeout or a concurrent change: worth retrying. */
    static final class Blocked extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<BlockingSession> blockers;

        Blocked(SQLException cause, List<BlockingSession> blockers) {
            super(cause.getMessage(), cause);
            this.blockers = List.copyOf(blockers);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }

    private final SwapSettings settings;
    private final GenerationSchemas schemas;
    private final OutsideDependencies dependencies;
    private final BlockerProbe probe;

    SwapTransaction(SwapSettings settings, GenerationSchemas schemas, OutsideDependencies dependencies,
            BlockerProbe probe) {
        this.settings = settings;
        this.schemas = schemas;
        this.dependencies = dependencies;
        this.probe = probe;
    }

    Committed run(Connection c, Function<SchemaState, SwapPlan> planner, String callerPayload, SwapHook hook)
            throws Blocked, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        BlockerProbe.Watch watch = probe.watch(c, settings.lockTimeout());
        try {
            long start = System.nanoTime();
            // first statement: every lock wait after it ends after lock_timeout
            GenerationSchemas.setLocalLockTimeout(c, settings.lockTimeout());
            SwapPlan plan = planner.apply(schemas.read(c));
            requireNoOutsideDependencies(c, plan);
            long renames = System.nanoTime();
            boolean trimmed = renameAndNotify(c, plan, callerPayload, hook);
            c.commit();
            long end = System.nanoTime();
            watch.stop();
            return new Committed(plan, Duration.ofNanos(end - start), Duration.ofNanos(end - renames), trimmed);
        } catch (SQLException e) {
            List<BlockingSession> seen = watch.stop();
            rollbackKeeping(c, e);
            if (!retryable(e)) {
                throw e;
            }
            throw new Blocked(e, seen.isEmpty() ? probe.lockHolders(c, involved()) : seen);
        } catch (RuntimeException e) {
            watch.stop();
            rollbackKeeping(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Inside the transaction, so nothing created since an earlier check slips through. */
    private void requireNoOutsideDependencies(Connection c, SwapPlan plan) throws SQLException {
        List<OutsideDependency> outside = dependencies.find(c, settings.names().live());
        if (!outside.isEmpty()) {
            throw new OutsideDependencyException(plan.action(), settings.names().live().name(), outside);
        }
    }

    private boolean renameAndNotify(Connection c, SwapPlan plan, String callerPayload, SwapHook hook)
            throws SQLException {
        String live = settings.names().live().name();
        for (SwapPlan.Rename r : plan.renames()) {
            GenerationSchemas.rename(c, r.from(), r.to());
        }
        if ("swap".equals(plan.action())) {
            GenerationSchemas.recordGeneration(c, settings.names().live(), plan.liveGeneration().getAsLong());
        }
        runHook(c, hook, plan);
        NotifyPayload payload = NotifyPayload.of(callerPayload, plan.action(), live, plan.liveGeneration(),
                plan.previous().map(Object::toString).orElse(null));
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, settings.channel().name());
            ps.setString(2, payload.text());
            ps.execute();
        }
        return payload.trimmed();
    }

    private void runHook(Connection c, SwapHook hook, SwapPlan plan) throws SQLException {
        try {
            hook.inTransaction(c);
        } catch (SQLException e) {
            if (retryable(e)) {
                throw e;
            }
            throw new KfmException(ErrorCode.FAILED, "swap-hook-failed", "the " + plan.action() + " hook failed ("
                    + e.getSQLState() + "): " + e.getMessage() + ". The " + plan.action() + " was rolled back: nothing "
                    + "was changed.", e);
        }
    }

    private List<String> involved() {
        GenerationNames n = settings.names();
        return List.of(n.live().name(), n.shadow().name(), n.previous().name());
    }

    /** Lock timeout, deadlock, serialization failure, or a concurrent update of the same catalog row. */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "55P03".equals(state) || "40P01".equals(state) || "40001".equals(state)
                || ("XX000".equals(state) && String.valueOf(e.getMessage()).contains("tuple concurrently updated"));
    }

    private static void rollbackKeeping(Connection c, Exception first) {
        try {
            c.rollback();
        } catch (SQLException e) {
            first.addSuppressed(e);
        }
    }
}
