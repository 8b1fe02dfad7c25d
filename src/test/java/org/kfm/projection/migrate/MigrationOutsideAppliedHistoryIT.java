package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;

/**
 * A schema's history and the migration files must agree: a new file numbered below the applied
 * versions is {@code migration-out-of-order}, an applied file that disappeared is
 * {@code migration-missing}; neither is reported as an edited file, and nothing is applied.
 */
class MigrationOutsideAppliedHistoryIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void aNewFileBelowTheAppliedVersionsIsOutOfOrder() {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("late"), null);
        Migrations.write(dir, "0015__late_table.sql", "CREATE TABLE late_table (id int);\n");

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("late"), null));

        assertEquals("migration-out-of-order", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("0015"), e.getMessage());
        assertEquals("0010,0020", Migrations.historyVersions(db, "late"));
    }

    @Test
    void anAppliedFileThatDisappearedIsMissing() throws IOException {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("gone"), null);
        Files.delete(dir.resolve("0010__dataset_version.sql"));

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("gone"), null));

        assertEquals("migration-missing", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("0010"), e.getMessage());
    }
}
