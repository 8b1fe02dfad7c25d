package org.kfm.projection.migrate;

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
import org.kfm.projection.testing.TestRuns;

/** A migration that fails during smoke fails the smoke, and its throw-away schemas are still dropped. */
class SmokeCleansUpWhenAMigrationFailsIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void aBrokenMigrationFailsTheSmokeAndLeavesNoSchemas() {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, "0030__broken.sql", "ALTER TABLE feature_geom ADD COLUMN;\n");

        KfmException e = assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(),
                "filesystem:" + dir).smoke(PgIdentifier.of("kfm_smoke_broken"), "", TestRuns.TRIGGER));

        assertEquals("migration-failed", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("0030__broken.sql") && e.getMessage().contains("SQLSTATE 42601"),
                e.getMessage());
        assertEquals("", TestRuns.smokeSchemas(db));
    }

    @Test
    void rowsThatDoNotFitTheNMinusOneSchemaFailTheSmokeAndLeaveNoSchemas() {
        Migrations.copyReal(dir, "0010", "0020");

        KfmException e = assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(),
                "filesystem:" + dir).smoke(PgIdentifier.of("kfm_smoke_rows"), TestRuns.packagedN1Rows(),
                TestRuns.TRIGGER));

        assertEquals("smoke-rows-failed", e.rule(), e.getMessage());
        assertEquals("", TestRuns.smokeSchemas(db));
    }
}
