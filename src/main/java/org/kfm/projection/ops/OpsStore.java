package org.kfm.projection.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.AuditEntry;
import org.kfm.projection.history.RunEvent;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.history.Trigger;

/**
 * The orchestrator's records in the ops schema: runs, their state transitions as they happen, and
 * their receipts. Each write is its own short autocommit statement, so a crash leaves every
 * transition up to the crash visible.
 */
public final class OpsStore {
    /** How long a run may sit in REQUESTED (row written, lock not yet tried) before it counts as dead. */
    static final Duration REQUESTED_GRACE = Duration.ofMinutes(2);

    private final DataSource dataSource;
    private final SqlResources sql;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<UUID> runIds;

    /**
     * @param clock the time of every record written
     * @param runIds where new runs get their ids (tests fix them)
     */
    public OpsStore(DataSource dataSource, PgIdentifier opsSchema, ObjectMapper json, Clock clock,
            Supplier<UUID> runIds) {
        this.dataSource = dataSource;
        this.sql = new SqlResources("ops", opsSchema);
        this.json = json;
        this.clock = clock;
        this.runIds = runIds;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Records a new run in state {@code REQUESTED}, under a new id, and returns the id. */
    public UUID startRun(RunKind kind, String projection, Trigger trigger, JsonNode arguments) {
        return startRun(runIds.get(), kind, projection, trigger, arguments);
    }

    /** Records a new run in state {@code REQUESTED}, under a new id, started at {@code at}; returns the id. */
    public UUID startRun(RunKind kind, String projection, Trigger trigger, JsonNode arguments, Instant at) {
        return startRun(runIds.get(), kind, projection, trigger, arguments, at);
    }

    /** Records a new run under an id the caller chose (one it must answer with before the run ends). */
    public UUID startRun(UUID id, RunKind kind, String projection, Trigger trigger, JsonNode arguments) {
        return startRun(id, kind, projection, trigger, arguments, now());
    }

    /** Records a new run under an id the caller chose, started at {@code at} (the time its receipt gives). */
    public UUID startRun(UUID id, RunKind kind, String projection, Trigger trigger, JsonNode arguments, Instant at) {
        update(sql.get("insert_run"), id, kind.dbValue(), projection, "REQUESTED", trigger.principal(), trigger.channel(),
                HostInfo.hostname(), ProcessHandle.current().pid(), toJson(arguments), ts(at));
        event(id, "REQUESTED", kind.dbValue() + " requested by " + trigger.principal() + " via " + trigger.channel(), null);
        return id;
    }

    /** Records a state transition: the run's state and a new event row. */
    public void transition(UUID runId, String state, String message, JsonNode details) {
        update(sql.get("update_run_state"), state, ts(now()), runId);
        event(runId, state, message, details);
    }

    public void event(UUID runId, String state, String message, JsonNode details) {
        update(sql.get("insert_event"), runId, ts(now()), state, message, toJson(details));
    }

    public void progress(UUID runId, JsonNode progress) {
        update(sql.get("update_run_progress"), toJson(progress), ts(now()), runId);
    }

    public void catalog(UUID runId, String uri, String digest) {
        update(sql.get("update_run_catalog"), uri, digest, runId);
    }

    /** Ends a run with its outcome, the error (if any) and the receipt. */
    public void finishRun(UUID runId, RunOutcome outcome, KfmException error, Long generation, JsonNode receipt) {
        Instant at = now();
        update(sql.get("finish_run"), outcome.name(), outcome.name(), ts(at),
                error == null ? null : error.code().name(), error == null ? null : error.rule(),
                error == null ? null : error.getMessage(), generation, toJson(receipt), runId);
        event(runId, outcome.name(), error == null ? "run " + outcome.name().toLowerCase() : error.getMessage(), null);
    }

    public Optional<RunSummary> run(UUID runId) {
        List<RunSummary> runs = query(sql.get("select_run"), runId);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    public List<RunSummary> recentRuns(String projection, int limit, int offset) {
        return query(sql.get("select_recent_runs"), projection, limit, offset);
    }

    /** Runs of one kind, newest first, one page of them. */
    public List<RunSummary> recentRuns(String projection, RunKind kind, int limit, int offset) {
        return query(sql.get("select_recent_runs_of_kind"), projection, kind.dbValue(), limit, offset);
    }

    public long countRuns(String projection, RunKind kind) {
        return queryOne(sql.get("count_runs_of_kind"), rs -> rs.getLong(1), projection, kind.dbValue()).orElse(0L);
    }

    /**
     * Runs of any kind, newest first, one page of them, optionally of one kind and one outcome.
     * Without an outcome filter, refused attempts are left out.
     */
    public List<RunSummary> runs(String projection, Optional<RunKind> kind, Optional<RunOutcome> outcome, int limit,
            int offset) {
        String k = kind.map(RunKind::dbValue).orElse(null);
        String o = outcome.map(RunOutcome::name).orElse(null);
        return query(sql.get("select_runs"), projection, k, k, o, o, limit, offset);
    }

    /** How many runs {@link #runs} pages through with the same filters. */
    public long countRuns(String projection, Optional<RunKind> kind, Optional<RunOutcome> outcome) {
        String k = kind.map(RunKind::dbValue).orElse(null);
        String o = outcome.map(RunOutcome::name).orElse(null);
        return queryOne(sql.get("count_runs"), rs -> rs.getLong(1), projection, k, k, o, o).orElse(0L);
    }

    /** The newest run whose receipt says it kept {@code shadowSchema} (failed, or built with --no-swap). */
    public Optional<RunSummary> keptShadowRun(String projection, String shadowSchema) {
        List<RunSummary> runs = query(sql.get("select_kept_shadow_run"), projection, shadowSchema);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** When the newest rebuild that left the projection current (swapped in or skipped) finished. */
    public Optional<Instant> lastSuccess(String projection) {
        return queryOne(sql.get("select_last_success"), rs -> instant(rs.getTimestamp(1)), projection);
    }

    /**
     * Asks an open run to stop; the process running it polls {@link #cancelRequested(UUID)}.
     *
     * @return false when the run is unknown or already finished
     */
    public boolean requestCancel(UUID runId, String principal) {
        return queryOne(sql.get("request_cancel"), rs -> true, ts(now()), principal, runId).orElse(false);
    }

    public boolean cancelRequested(UUID runId) {
        return queryOne(sql.get("select_cancel_requested"), rs -> rs.getBoolean(1), runId).orElse(false);
    }

    /** Who asked an open run to stop, once someone has; empty until then. */
    public Optional<String> cancelRequester(UUID runId) {
        return queryOne(sql.get("select_cancel_requested"), rs -> rs.getBoolean(1)
                ? Optional.ofNullable(rs.getString(2)).orElse("unknown") : null, runId);
    }

    /** Appends one row to the audit trail. */
    public void audit(AuditEntry e) {
        update(sql.get("insert_audit"), ts(now()), e.principal(), e.action(), toJson(e.arguments()), e.outcome(),
                e.runId(), e.holderRunId());
    }

    /** The newest ops migration applied to the ops schema, empty when it has none (not bootstrapped). */
    public Optional<String> opsSchemaVersion() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("select_ops_version"))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return Optional.empty(); // no history table (or schema) yet
            }
            throw failure(e);
        }
    }

    public List<RunEvent> events(UUID runId) {
        List<RunEvent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("select_events"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            readJson(rs.getString(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Marks runs of this projection that were left open by a process that no longer holds the
     * rebuild lock: open rebuild, rollback and prune runs. Call only while holding that lock, so no
     * live run of those kinds can be marked. Migrate, smoke and validate runs never take the lock, so
     * whether an open one is alive cannot be told from it: they are left open. A run still in
     * {@code REQUESTED} has written its row but not yet tried the lock, so it is only marked once it
     * is older than {@link #REQUESTED_GRACE}: a second rebuild being refused at that moment is not
     * taken for dead.
     *
     * @return the ids marked {@code ABANDONED}
     */
    public List<UUID> markAbandoned(String projection, UUID currentRun, String reason) {
        List<UUID> ids = new ArrayList<>();
        Instant now = now();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("mark_abandoned"))) {
            ps.setTimestamp(1, ts(now));
            ps.setString(2, reason);
            ps.setString(3, projection);
            ps.setObject(4, currentRun);
            ps.setTimestamp(5, ts(now.minus(REQUESTED_GRACE)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        ids.forEach(id -> event(id, "ABANDONED", reason, null));
        return ids;
    }

    private List<RunSummary> query(String statement, Object... args) {
        List<RunSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunSummary(rs.getObject("run_id", UUID.class), rs.getString("kind"),
                            rs.getString("projection"), rs.getString("state"), rs.getString("triggered_by"),
                            rs.getString("trigger"), instant(rs.getTimestamp("started_at")),
                            instant(rs.getTimestamp("finished_at")), rs.getString("outcome"),
                            rs.getString("error_code"), rs.getString("error_rule"), rs.getString("error_message"),
                            rs.getString("catalog_uri"), rs.getString("catalog_digest"),
                            (Long) rs.getObject("generation"), readJson(rs.getString("progress")),
                            readJson(rs.getString("receipt"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> Optional<T> queryOne(String statement, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private void update(String statement, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, Types.OTHER);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    private String toJson(JsonNode node) {
        try {
            return node == null ? null : json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static KfmException failure(SQLException e) {
        return new KfmException(ErrorCode.FAILED, "ops-store", "cannot write the run record in the ops schema: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
