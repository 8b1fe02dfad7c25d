package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.migrate.AppliedMigration;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationResult;
import org.kfm.projection.migrate.MigrationSmoke;
import org.kfm.projection.migrate.PrivilegeCheck;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.migrate.SmokeReport;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.ops.RunKind;
import org.kfm.projection.ops.RunOutcome;
import org.kfm.projection.ops.Trigger;

/**
 * Migration runs outside a rebuild ({@code migrate}, {@code smoke}): bootstrap the database, check
 * privileges, do the work, and leave a receipt in the ops schema whatever the outcome.
 */
public final class MigrationRuns {
    private final Settings settings;
    private final DatabaseBootstrap bootstrap;
    private final PrivilegeCheck privileges;
    private final SchemaMigrator migrator;
    private final OpsStore ops;
    private final ObjectMapper json;
    private final DataSource dataSource;

    public MigrationRuns(DataSource dataSource, Settings settings, DatabaseBootstrap bootstrap, PrivilegeCheck privileges,
            SchemaMigrator migrator, OpsStore ops, ObjectMapper json) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.privileges = privileges;
        this.migrator = migrator;
        this.ops = ops;
        this.json = json;
        this.dataSource = dataSource;
    }

    /**
     * Migrates {@code schema} to {@code target} (latest when null), recording a receipt. Only a
     * failing bootstrap leaves none: until it has run there may be no ops schema to write to.
     */
    public MigrationResult migrate(PgIdentifier schema, String target, Trigger trigger) {
        bootstrap.run();
        ObjectNode args = json.createObjectNode().put("schema", schema.name()).put("target", target)
                .put("location", migrator.source().location());
        return recorded(RunKind.MIGRATE, trigger, args, runId -> {
            privileges.requireMigratable(schema, settings.extensionSchema());
            ops.transition(runId, "MIGRATING", "migrating schema " + schema + " from " + migrator.source().location(), null);
            List<AppliedMigration> before = historyOrEmpty(schema);
            try {
                MigrationResult result = migrator.migrate(schema, target);
                return new Recorded<>(result, migrationReceipt(result));
            } catch (KfmException e) {
                // Files before the failing one stay applied: the receipt must say which.
                throw new RecordedFailure(e, failedMigrationReceipt(schema, before, historyOrEmpty(schema)));
            }
        });
    }

    /** Runs the migration smoke test in throw-away schemas, recording a receipt. */
    public SmokeReport smoke(PgIdentifier base, String n1RowsSql, Trigger trigger) {
        bootstrap.run();
        ObjectNode args = json.createObjectNode().put("schemaBase", base.name())
                .put("location", migrator.source().location());
        return recorded(RunKind.SMOKE, trigger, args, runId -> {
            privileges.requireMigratable(base.suffixed("_fresh"), settings.extensionSchema());
            ops.transition(runId, "MIGRATING", "smoke test of " + migrator.source().location(), null);
            SmokeReport report = new MigrationSmoke(dataSource, migrator, settings.extensionSchema(),
                    n1RowsSql).run(base);
            ObjectNode receipt = smokeReceipt(report);
            if (!report.passed()) {
                throw new RecordedFailure(smokeFailure(report), receipt);
            }
            return new Recorded<>(report, receipt);
        });
    }

    private static KfmException smokeFailure(SmokeReport r) {
        if (r.reapplied() > 0) {
            return new KfmException(ErrorCode.FAILED, "not-idempotent", "smoke failed: migrating " + r.freshSchema()
                    + " again applied " + r.reapplied() + " migration(s): the history is not stable");
        }
        String n1 = r.n1Skipped() ? "a second fresh migration"
                : "the N-1 path (to " + r.previousVersion() + ", rows added, then to " + r.latestVersion() + ")";
        return new KfmException(ErrorCode.FAILED, "schema-drift", "smoke failed: " + n1 + " and the fresh path give "
                + "different schemas:\n" + r.diff().render("fresh", "n-1") + "A migration does different things "
                + "depending on what it meets (rows, a DO block or IF EXISTS logic): make its result the same on an "
                + "empty and on a populated schema");
    }

    private List<AppliedMigration> historyOrEmpty(PgIdentifier schema) {
        try {
            return migrator.history(schema);
        } catch (KfmException e) {
            return List.of(); // e.g. misnamed files: Flyway cannot read the history either
        }
    }

    private <T> T recorded(RunKind kind, Trigger trigger, ObjectNode args, Function<UUID, Recorded<T>> work) {
        Instant start = ops.now();
        UUID runId = ops.startRun(kind, settings.projection().name(), trigger, args);
        ObjectNode receipt = json.createObjectNode();
        try {
            Recorded<T> r = work.apply(runId);
            receipt = r.receipt();
            finish(runId, kind, trigger, args, start, RunOutcome.SUCCEEDED, null, receipt);
            return r.value();
        } catch (RecordedFailure f) {
            finish(runId, kind, trigger, args, start, RunOutcome.FAILED, f.error, f.receipt);
            throw f.error;
        } catch (KfmException e) {
            finish(runId, kind, trigger, args, start, RunOutcome.FAILED, e, receipt);
            throw e;
        } catch (RuntimeException e) {
            KfmException k = new KfmException(ErrorCode.FAILED, "unexpected", e.toString(), e);
            finish(runId, kind, trigger, args, start, RunOutcome.FAILED, k, receipt);
            throw k;
        }
    }

    private void finish(UUID runId, RunKind kind, Trigger trigger, ObjectNode args, Instant start, RunOutcome outcome,
            KfmException error, ObjectNode body) {
        Instant end = ops.now();
        ObjectNode receipt = json.createObjectNode();
        receipt.put("runId", runId.toString()).put("kind", kind.dbValue()).put("projection", settings.projection().name())
                .put("triggeredBy", trigger.principal()).put("trigger", trigger.channel())
                .put("startedAt", start.toString()).put("finishedAt", end.toString())
                .put("durationMs", Duration.between(start, end).toMillis()).put("outcome", outcome.name());
        receipt.set("arguments", args);
        receipt.setAll(body);
        if (error != null) {
            receipt.putObject("error").put("code", error.code().name()).put("exitCode", error.code().exitCode())
                    .put("rule", error.rule()).put("message", error.getMessage());
        }
        ops.finishRun(runId, outcome, error, null, receipt);
    }

    private ObjectNode migrationReceipt(MigrationResult r) {
        ObjectNode n = json.createObjectNode().put("schema", r.schema()).put("fromVersion", r.fromVersion())
                .put("toVersion", r.toVersion());
        n.set("applied", applied(r.applied()));
        return n;
    }

    private ObjectNode failedMigrationReceipt(PgIdentifier schema, List<AppliedMigration> before,
            List<AppliedMigration> after) {
        List<String> old = before.stream().map(AppliedMigration::version).toList();
        ObjectNode n = json.createObjectNode().put("schema", schema.name())
                .put("fromVersion", before.isEmpty() ? null : before.get(before.size() - 1).version())
                .put("toVersion", after.isEmpty() ? null : after.get(after.size() - 1).version());
        n.set("applied", applied(after.stream().filter(a -> !old.contains(a.version())).toList()));
        return n;
    }

    private ObjectNode smokeReceipt(SmokeReport r) {
        ObjectNode n = json.createObjectNode().put("freshSchema", r.freshSchema()).put("n1Schema", r.n1Schema())
                .put("latestVersion", r.latestVersion())
                .put("previousVersion", r.previousVersion()).put("n1Skipped", r.n1Skipped())
                .put("objectsCompared", r.objectsCompared()).put("reapplied", r.reapplied()).put("passed", r.passed());
        n.set("freshApplied", applied(r.freshApplied()));
        n.set("n1Applied", applied(r.n1Applied()));
        n.set("diff", json.valueToTree(r.diff()));
        return n;
    }

    private com.fasterxml.jackson.databind.node.ArrayNode applied(List<AppliedMigration> applied) {
        return json.valueToTree(applied);
    }

    private record Recorded<T>(T value, ObjectNode receipt) {
    }

    /** A failure whose receipt was already built (the smoke report of a failed smoke). */
    private static final class RecordedFailure extends RuntimeException {
        private final KfmException error;
        private final ObjectNode receipt;

        RecordedFailure(KfmException error, ObjectNode receipt) {
            super(error.getMessage(), error, false, false);
            this.error = error;
            this.receipt = receipt;
        }
    }
}
