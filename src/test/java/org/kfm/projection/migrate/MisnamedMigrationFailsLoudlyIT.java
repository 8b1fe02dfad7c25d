package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;

/**
 * A file Flyway cannot read a version from stops the run before anything is applied, naming the
 * file, instead of being skipped; and only the top level of the directory is ever migrated.
 */
class MisnamedMigrationFailsLoudlyIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"V0030__orders.sql", "0030_orders.sql"})
    void aMisnamedFileFailsTheRunNamingItAndNothingIsApplied(String misnamed) {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, misnamed, "CREATE TABLE orders (id int);\n");
        String schema = "misnamed_" + Character.toLowerCase(misnamed.charAt(0));

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of(schema), null));

        assertEquals("misnamed-migration", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains(misnamed), "the message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("NNNN__description.sql"), "the message says how to name it: "
                + e.getMessage());
        assertFalse(Migrations.schemaExists(db, schema), "nothing may be applied");
    }

    @Test
    void aMisnamedFileAlsoStopsPendingMigrationsOfAnExistingSchema() {
        Migrations.copyReal(dir, "0010");
        Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("existing"), null);
        Migrations.copyReal(dir, "0020");
        Migrations.write(dir, "V0030__orders.sql", "CREATE TABLE orders (id int);\n");

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("existing"), null));

        assertEquals("misnamed-migration", e.rule(), e.getMessage());
        assertEquals("0010", Migrations.historyVersions(db, "existing"), "0020 must not run either");
    }

    @Test
    void anUpperCaseSuffixIsMigratedNotSilentlySkipped() {
        Migrations.copyReal(dir, "0010");
        Migrations.write(dir, "0020__shouting.SQL", "CREATE TABLE shouting (id int);\n");

        MigrationResult r = Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("upper_case"), null);

        assertEquals("0010,0020", Migrations.historyVersions(db, "upper_case"), r.toString());
        assertEquals("upper_case.shouting", db.queryOne("SELECT to_regclass('upper_case.shouting')::text"));
    }

    @Test
    void aDownDirectoryIsNeverApplied() {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, "down/0030__feature_geom.sql", "CREATE TABLE down_script_ran (id int);\n");
        Migrations.write(dir, "down/0020__feature_geom.sql", "DROP TABLE feature_geom;\n");

        MigrationResult r = Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("with_down"), null);

        assertEquals("0020", r.toVersion());
        assertEquals("0010,0020", Migrations.historyVersions(db, "with_down"));
        assertNull(db.queryOne("SELECT to_regclass('with_down.down_script_ran')"));
        assertEquals("with_down.feature_geom", db.queryOne("SELECT to_regclass('with_down.feature_geom')::text"));
    }
}
