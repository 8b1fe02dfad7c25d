package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRole;

/**
 * The once-per-database bootstrap installs PostGIS and the ops schema with its own history, changes
 * nothing when run again, and says who must act when it cannot install PostGIS.
 */
class DatabaseBootstrapIT {
    private static final PgIdentifier OPS = PgIdentifier.of("kfm_ops");
    private static final PgIdentifier PUBLIC = PgIdentifier.of("public");
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void createDatabaseWithoutPostgis() {
        db.execute("DROP EXTENSION postgis");
    }

    @Test
    void aRoleThatMayNotCreatePostgisGetsExtensionPrivilegeAndNothingChanges() {
        try (TestRole role = TestRole.create()) {
            role.grant(db, "GRANT CREATE ON DATABASE " + db.name() + " TO {role}");

            KfmException e = assertThrows(KfmException.class, () -> bootstrap(role.dataSource(db)).run());

            String m = e.getMessage();
            assertEquals("extension-privilege", e.rule(), m);
            assertTrue(m.contains("role " + role.name() + " may not CREATE EXTENSION postgis in database " + db.name()), m);
            assertTrue(m.contains("ask a superuser to run CREATE EXTENSION postgis SCHEMA public"), m);
            assertNull(db.queryOne("SELECT extname FROM pg_extension WHERE extname = 'postgis'"));
            assertFalse(Migrations.schemaExists(db, "kfm_ops"));
        }
    }

    @Test
    void anExtensionTheServerDoesNotHaveIsPostgisNotInstalled() {
        DatabaseBootstrap missing = new DatabaseBootstrap(db.dataSource(), OPS, PUBLIC,
                PgIdentifier.of("kfm_no_such_extension"), Clock.systemUTC());

        KfmException e = assertThrows(KfmException.class, missing::run);

        assertEquals("postgis-not-installed", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("pg_available_extensions has no kfm_no_such_extension"), e.getMessage());
        assertTrue(e.getMessage().contains("postgresql-<major>-postgis-3"), e.getMessage());
        assertFalse(Migrations.schemaExists(db, "kfm_ops"));
    }

    @Test
    void bootstrapInstallsPostgisAndTheOpsSchemaAndASecondRunChangesNothing() throws SQLException {
        try (TestDatabase fresh = TestDatabase.create()) {
            fresh.execute("DROP EXTENSION postgis");

            String version = bootstrap(fresh.dataSource()).run();
            String after = state(fresh);
            String again = bootstrap(fresh.dataSource()).run();

            assertEquals(version, again);
            assertEquals(version, fresh.queryOne("SELECT extversion FROM pg_extension WHERE extname = 'postgis' "
                    + "AND extnamespace = 'public'::regnamespace"));
            assertEquals("0001,0002,0004,0005", Migrations.historyVersions(fresh, "kfm_ops"), "kfm_ops has its own history");
            assertEquals("audit_event,flyway_schema_history,generation,rebuild_event,rebuild_run,webhook_delivery",
                    fresh.queryOne("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
                            + "WHERE schemaname = 'kfm_ops'"));
            assertEquals(after, state(fresh), "a second bootstrap must change nothing");
        }
    }

    @Test
    void twoFirstRunsAtOnceBothSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // PostGIS already there (a DBA installed it), so both runs go straight to the ops schema;
        // a new ops schema name per attempt makes each attempt a first run.
        try (TestDatabase withPostgis = TestDatabase.create()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                PgIdentifier ops = PgIdentifier.of("kfm_ops_race_" + attempt);
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<String> run = () -> {
                    together.await();
                    return new DatabaseBootstrap(withPostgis.dataSource(), ops, PUBLIC, Clock.systemUTC()).run();
                };

                for (Future<String> r : pool.invokeAll(List.of(run, run))) {
                    assertEquals(withPostgis.queryOne("SELECT extversion FROM pg_extension WHERE extname = 'postgis'"),
                            r.get());
                }
                assertEquals("0001,0002,0004,0005", Migrations.historyVersions(withPostgis, ops.name()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static DatabaseBootstrap bootstrap(DataSource ds) {
        return new DatabaseBootstrap(ds, OPS, PUBLIC, Clock.systemUTC());
    }

    /** Everything a bootstrap touches: extensions, the ops schema's objects and its history rows. */
    private static String state(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return db.queryOne("SELECT string_agg(extname || ' ' || extversion || ' ' || extnamespace::regnamespace, ',')"
                    + " FROM pg_extension") + "\n" + new TreeMap<>(SchemaSnapshot.of(c, OPS).objects())
                    + "\n" + db.queryOne("SELECT string_agg(installed_rank || ' ' || version || ' ' || checksum || ' '"
                    + " || installed_on || ' ' || success, ',') FROM kfm_ops.flyway_schema_history");
        }
    }
}
