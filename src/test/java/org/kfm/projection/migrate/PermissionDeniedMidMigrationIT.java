package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRole;

/**
 * A statement refused mid-migration for lack of privilege (one the pre-check cannot foresee) is
 * rule {@code permission-denied}, naming the role, the object and the file; earlier files stay.
 */
class PermissionDeniedMidMigrationIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void aRefusedStatementNamesTheRoleTheObjectAndTheFile() {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, "0030__comment_on_postgis.sql",
                "COMMENT ON EXTENSION postgis IS 'geometry types for the projection';\n");
        try (TestRole role = TestRole.create()) {
            role.grant(db, "GRANT CREATE ON DATABASE " + db.name() + " TO {role}");
            PgIdentifier schema = PgIdentifier.of("kfm_index_shadow");
            assertDoesNotThrow(() -> new PrivilegeCheck(role.dataSource(db))
                    .requireMigratable(schema, PgIdentifier.of("public")));

            KfmException e = assertThrows(KfmException.class,
                    () -> Migrations.migrator(role.dataSource(db), dir).migrate(schema, null));

            String m = e.getMessage();
            assertEquals("permission-denied", e.rule(), m);
            assertTrue(m.contains("role " + role.name()), "names the role: " + m);
            assertTrue(m.contains("must be owner of extension postgis"), "names the object: " + m);
            assertTrue(m.contains("0030__comment_on_postgis.sql"), "names the file: " + m);
            assertTrue(m.contains("stays at 0020"), m);
            assertEquals("0010,0020", Migrations.historyVersions(db, "kfm_index_shadow"));
        }
    }
}
