package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.Trigger;

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
    private final RunRecorder recorder;

    public MigrationRuns(DataSource dataSource, Settings settings, DatabaseBootstrap bootstrap, PrivilegeCheck privileges,
            SchemaMigrator migrator, OpsStore ops, ObjectMapper json) {
        this(dataSource, settings, bootstrap, privileges, migrator, ops, json, RunHook.NONE);
    }

    /** @param hook told of every state a run enters; what it throws fails the run (tests inject faults) */
    public MigrationRuns(DataSource dataSource, Settings settings, DatabaseBootstrap bootstrap, PrivilegeCheck privileges,
            SchemaMigrator migrator, OpsStore ops, ObjectMapper json, RunHook hook) {
        this.recorder = new RunRecorder(ops, settings.projection().name(), json, hook);
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
    public Recorded<RunResults.Migration> migrate(PgIdentifier schema, String target, Trigger trigger) {
        bootstrap.run();
        ObjectNode args = json.createObjectNode().put("schema", schema.name()).put("target", target)
                .put("location", migrator.source().location());
        return recorder.run(RunKind.MIGRATE, trigger, args, null, run -> {
            privileges.requireMigratable(schema, settings.extensionSchema());
            List<AppliedMigration> before = historyOrEmpty(schema);
            try {
                recorder.transition(run, "MIGRATING", "migrating schema " + schema + " from "
                        + migrator.source().location());
                MigrationResult result = migrator.migrate(schema, target);
                return new RunRecorder.Done<>(RunResults.Migration.of(result), "migrated " + schema + " from " + result.fromVersion() + " to "
                        + result.toVersion(), null, null, migrationReceipt(result));
            } catch (KfmException e) {
                // Files before the failing one stay applied: the receipt must say which.
                throw new RunRecorder.RunFailure(e, failedMigrationReceipt(schema, before, historyOrEmpty(schema)));
            } catch (RuntimeException e) {
                throw new RunRecorder.RunFailure(RunRecorder.unexpected(e), failedMigrationReceipt(schema, before,
                        historyOrEmpty(schema)));
            }
        });
    }

    /** Runs the migration smoke test in throw-away schemas, recording a receipt. */
    public Recorded<RunResults.Smoke> smoke(PgIdentifier base, String n1RowsSql, Trigger trigger) {
        bootstrap.run();
        ObjectNode args = json.createObjectNode().put("schemaBase", base.name())
                .put("location", migrator.source().location());
        return recorder.run(RunKind.SMOKE, trigger, args, null, run -> {
            privileges.requireMigratable(base.suffixed("_fresh"), settings.extensionSchema());
            recorder.transition(run, "MIGRATING", "smoke test of " + migrator.source().location());
            SmokeReport report = new MigrationSmoke(dataSource, migrator, settings.extensionSchema(),
                    n1RowsSql).run(base);
            ObjectNode receipt = smokeReceipt(report);
            if (!report.passed()) {
                throw new RunRecorder.RunFailure(smokeFailure(report), receipt);
            }
            return new RunRecorder.Done<>(RunResults.Smoke.of(report), "smoke passed: " + report.objectsCompared()
                    + " object(s) compared, fresh and N-1 paths agree", null, null, receipt);
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
}
