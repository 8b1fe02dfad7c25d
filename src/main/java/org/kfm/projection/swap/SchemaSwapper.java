package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a generation live by renaming schemas in one short transaction, rolls back to the previous
 * generation the same way, and drops old generations.
 *
 * <p>Renaming a schema takes no table lock, so readers are never blocked: statements already running
 * finish on the old generation, and the next statement resolves the live name to the new one. What
 * can block a rename is another transaction that changed the same {@code pg_namespace} rows (for
 * example an uncommitted {@code GRANT ... ON SCHEMA}) or whatever the hook touches; such waits end
 * after {@code lock_timeout} and the whole transaction is tried again with exponential backoff.
 */
public final class SchemaSwapper {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaSwapper.class);

    private final DataSource dataSource;
    private final SwapSettings settings;
    private final GenerationSchemas schemas;
    private final SwapTransaction transaction;
    private final SchemaDropper dropper;

    public SchemaSwapper(DataSource dataSource, SwapSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.schemas = new GenerationSchemas(settings.names());
        OutsideDependencies dependencies = new OutsideDependencies(dataSource, settings.opsSchema());
        BlockerProbe probe = new BlockerProbe(dataSource);
        this.transaction = new SwapTransaction(settings, schemas, dependencies, probe);
        this.dropper = new SchemaDropper(dataSource, settings.dropLockTimeout(), dependencies, probe);
    }

    /**
     * The generation number recorded on the live schema by the swap that made it live (a schema
     * comment that travels with renames); empty when there is no live schema or it carries none.
     *
     * @throws KfmException rule {@code swap-failed} when the schema list cannot be read
     */
    public OptionalLong liveGeneration() {
        try (Connection c = dataSource.getConnection()) {
            return schemas.read(c).generation(settings.names().base().name());
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "swap-failed",
                    "cannot read the generation recorded on " + settings.names().base() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the shadow generation live: renames the old previous generation aside (to
     * {@code <base>_retired_<n>}), live to previous, shadow to live, records {@code generation} on the
     * new live schema, runs {@code hook}, notifies the channel with {@code notifyPayload}, and commits.
     * Retired generations are then dropped, each under its own lock timeout; failures there are
     * warnings in the result, never a failed swap.
     *
     * @param generation the number of the generation being made live
     * @param notifyPayload JSON for the NOTIFY (delivered on commit only); null or too long: a summary
     * @throws OutsideDependencyException when objects outside live depend on it (nothing changed)
     * @throws SwapBlockedException rule {@code swap-lock-timeout} (or {@code swap-conflict}) naming
     *     the blocking sessions, when every attempt was blocked (nothing changed)
     * @throws KfmException rules {@code no-shadow}, {@code swap-name-taken}, {@code swap-hook-failed},
     *     {@code swap-failed}: nothing changed
     */
    public SwapResult swap(long generation, String notifyPayload, SwapHook hook) {
        return execute("swap", s -> SwapPlan.swap(settings.names(), s, generation), notifyPayload, hook);
    }

    /**
     * Makes the previous generation live again and the live one previous (three renames through a
     * temporary name, one transaction), with the same lock timeout, retries, hook and NOTIFY.
     *
     * @throws KfmException rule {@code no-previous-generation} (bad usage: there is nothing to roll
     *     back to), and as {@link #swap}
     */
    public SwapResult rollback(String notifyPayload, SwapHook hook) {
        return execute("rollback", s -> SwapPlan.rollback(settings.names(), s), notifyPayload, hook);
    }

    /** Drops the previous and every retired generation, each under its own lock timeout. */
    public PruneResult prune() {
        SchemaState state = state();
        List<PgIdentifier> drop = new ArrayList<>(schemas.retired(state));
        if (state.exists(settings.names().previous().name())) {
            drop.add(settings.names().previous());
        }
        return dropper.dropAll(drop);
    }

    private SwapResult execute(String action, Function<SchemaState, SwapPlan> planner, String payload, SwapHook hook) {
        long start = System.nanoTime();
        SwapTransaction.Blocked blocked = null;
        List<BlockingSession> blockers = List.of();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                pause(settings.backoffBefore(attempt));
            }
            try (Connection c = dataSource.getConnection()) {
                SwapTransaction.Committed done = transaction.run(c, planner, payload, hook);
                return committed(done, attempt, start);
            } catch (SwapTransaction.Blocked b) {
                blocked = b;
                blockers = b.blockers.isEmpty() ? blockers : b.blockers;
                LOG.warn("attempt {}/{} of the {} was blocked ({}): {}", attempt, settings.attempts(), action,
                        b.sqlException().getSQLState(), b.getMessage());
            } catch (SQLException e) {
                throw failed(action, e);
            }
        }
        throw blockedFailure(action, blocked, blockers, start);
    }

    private KfmException failed(String action, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.startsWith("08")) {
            // the connection broke: COMMIT may have reached the server or not
            return new SwapOutcomeUnknownException(action + " failed (" + state + "): " + e.getMessage()
                    + ". The connection failed, so whether it committed is unknown: look at the schemas ("
                    + settings.names().base() + "*) before running it again.", e);
        }
        return new KfmException(ErrorCode.FAILED, "swap-failed", action + " failed (" + state + "): "
                + e.getMessage() + ". The transaction was rolled back: nothing was changed.", e);
    }

    private SwapResult committed(SwapTransaction.Committed done, int attempt, long start) {
        SwapPlan plan = done.plan();
        LOG.info("{} committed in {} us ({} us from the first rename, attempt {}): {}", plan.action(),
                done.time().toNanos() / 1000, done.renameToCommit().toNanos() / 1000, attempt, plan.renames());
        PruneResult cleanup;
        try {
            cleanup = dropper.dropAll(schemas.retired(state()));
        } catch (KfmException e) {
            // committed: a cleanup problem is a warning, and prune tries again
            cleanup = new PruneResult(List.of(), List.of(new DropFailure(settings.names().base() + "_retired_*",
                    e.getMessage(), null, List.of(), List.of())));
        }
        return new SwapResult(plan.action(), settings.names().live().name(), plan.liveGeneration(),
                plan.previous().map(PgIdentifier::name), plan.retired().map(PgIdentifier::name), done.time(),
                done.renameToCommit(), attempt, Duration.ofNanos(System.nanoTime() - start), done.notifyTrimmed(),
                cleanup);
    }

    private SwapBlockedException blockedFailure(String action, SwapTransaction.Blocked last,
            List<BlockingSession> blockers, long start) {
        SQLException e = last.sqlException();
        boolean timeout = "55P03".equals(e.getSQLState());
        GenerationNames n = settings.names();
        String what = "swap".equals(action) ? "swap " + n.shadow() + " into " + n.live()
                : "roll " + n.live() + " back to " + n.previous();
        String why = timeout ? "blocked past lock_timeout " + settings.lockTimeout().toMillis() + " ms"
                : "in conflict with a concurrent change (" + e.getMessage() + ")";
        String message = "could not " + what + ": all " + settings.attempts() + " attempts were " + why
                + ", over " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms. Blocked by: "
                + SchemaDropper.describe(blockers) + ". Nothing was changed. Let those "
                + "sessions finish (or end them: SELECT pg_terminate_backend(pid)), then run it again.";
        return new SwapBlockedException(timeout ? SwapBlockedException.LOCK_TIMEOUT : SwapBlockedException.CONFLICT,
                message, blockers, settings.attempts(), e.getSQLState(), e);
    }

    private SchemaState state() {
        try (Connection c = dataSource.getConnection()) {
            return schemas.read(c);
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "swap-failed", "could not list the schemas of projection "
                    + settings.names().base() + ": " + e.getMessage(), e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmException(ErrorCode.FAILED, "swap-interrupted",
                    "interrupted while waiting to retry the swap: nothing was changed", e);
        }
    }
}
