package org.kfm.projection.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.PrivilegeCheck;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.MigrationRuns;
import org.kfm.projection.run.RunHook;

/** {@link MigrationRuns} wired as the application wires it, with the default schema names. */
public final class TestRuns {
    public static final Trigger TRIGGER = new Trigger("kfm-test@ci", "test");

    private TestRuns() {
    }

    public static Settings settings(String migrationsLocation) {
        return new Settings(PgIdentifier.of("kfm_index"), PgIdentifier.of("kfm_ops"), PgIdentifier.of("public"), 4326,
                migrationsLocation, Optional.empty(), Optional.empty());
    }

    public static MigrationRuns migrationRuns(DataSource ds, String migrationsLocation) {
        return migrationRuns(ds, migrationsLocation, RunHook.NONE);
    }

    /** @param hook told of every state a run enters; what it throws fails the run */
    public static MigrationRuns migrationRuns(DataSource ds, String migrationsLocation, RunHook hook) {
        Settings s = settings(migrationsLocation);
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        return new MigrationRuns(ds, s, new DatabaseBootstrap(ds, s.opsSchema(), s.extensionSchema(), clock),
                new PrivilegeCheck(ds), new SchemaMigrator(ds, MigrationSource.load(migrationsLocation), "", clock),
                new OpsStore(ds, s.opsSchema(), json, clock, UUID::randomUUID), json, hook);
    }

    /** The rows smoke puts into the N-1 schema by default. */
    public static String packagedN1Rows() {
        try (InputStream in = TestRuns.class.getClassLoader().getResourceAsStream("sql/smoke/n-1-rows.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the smoke test's throw-away schemas still in the database, "" when none. */
    public static String smokeSchemas(TestDatabase db) {
        return db.queryOne("SELECT coalesce(string_agg(nspname, ','), '') FROM pg_namespace "
                + "WHERE nspname LIKE 'kfm\\_smoke\\_%'");
    }
}
