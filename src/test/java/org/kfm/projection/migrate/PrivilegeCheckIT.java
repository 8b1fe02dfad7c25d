package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRole;

/**
 * Before migrating, a role that lacks privileges is told every missing one at once, each with the
 * GRANT that fixes it, and nothing is changed.
 */
class PrivilegeCheckIT {
    private static final PgIdentifier PUBLIC = PgIdentifier.of("public");
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void createDatabase() {
        // an extension schema the test roles have no USAGE on (public grants it to everyone)
        db.execute("CREATE SCHEMA gis");
    }

    @Test
    void aRoleWithoutCreateOnTheDatabaseIsToldEveryMissingPrivilegeAtOnce() {
        try (TestRole role = TestRole.create()) {
            PrivilegeCheck check = new PrivilegeCheck(role.dataSource(db));

            KfmException e = assertThrows(KfmException.class,
                    () -> check.requireMigratable(PgIdentifier.of("kfm_index_shadow"), PgIdentifier.of("gis")));

            String m = e.getMessage();
            assertEquals("missing-privileges", e.rule(), m);
            assertTrue(m.contains("role " + role.name() + " cannot migrate schema kfm_index_shadow"), m);
            assertTrue(m.contains("CREATE on database " + db.name()), m);
            assertTrue(m.contains("GRANT CREATE ON DATABASE " + db.name() + " TO " + role.name()), m);
            assertTrue(m.contains("USAGE on schema gis"), m);
            assertTrue(m.contains("GRANT USAGE ON SCHEMA \"gis\" TO " + role.name()), m);
            assertTrue(m.contains("Nothing was changed"), m);
            assertFalse(Migrations.schemaExists(db, "kfm_index_shadow"));
        }
    }

    @Test
    void aRoleLackingUsageAndCreateOnAnExistingSchemaIsToldBothAndWhoOwnsItsTables() {
        db.execute("CREATE SCHEMA kfm_index; CREATE TABLE kfm_index.feature_geom (id int)");
        try (TestRole role = TestRole.create()) {
            PrivilegeCheck check = new PrivilegeCheck(role.dataSource(db));

            KfmException e = assertThrows(KfmException.class,
                    () -> check.requireMigratable(PgIdentifier.of("kfm_index"), PUBLIC));

            String m = e.getMessage();
            assertEquals("missing-privileges", e.rule(), m);
            assertTrue(m.contains("role " + role.name()), m);
            assertTrue(m.contains("USAGE on schema kfm_index: GRANT USAGE ON SCHEMA \"kfm_index\" TO " + role.name()), m);
            assertTrue(m.contains("CREATE on schema kfm_index: GRANT CREATE ON SCHEMA \"kfm_index\" TO " + role.name()), m);
            assertTrue(m.contains("ownership of kfm_index.feature_geom"), m);
            assertFalse(m.contains("on database"), "the schema exists: no CREATE on the database needed: " + m);
        }
    }

    @Test
    void aRoleWithCreateOnTheDatabasePassesAndCanMigrate() {
        try (TestRole role = TestRole.create()) {
            role.grant(db, "GRANT CREATE ON DATABASE " + db.name() + " TO {role}");
            PrivilegeCheck check = new PrivilegeCheck(role.dataSource(db));
            PgIdentifier schema = PgIdentifier.of("owned_by_role");

            assertDoesNotThrow(() -> check.requireMigratable(schema, PUBLIC));
            Migrations.migrator(role.dataSource(db), Migrations.real()).migrate(schema, null);
            assertDoesNotThrow(() -> check.requireMigratable(schema, PUBLIC), "its own schema, again");
            assertEquals(role.name(), db.queryOne("SELECT nspowner::regrole::text FROM pg_namespace "
                    + "WHERE nspname = 'owned_by_role'"));
        }
    }
}
