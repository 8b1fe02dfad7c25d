package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;

/**
 * Editing a migration after it was applied fails the next run with rule {@code migration-changed},
 * naming the version and file, and applies nothing, not even the pending files after it.
 */
class EditedAppliedMigrationIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void anEditedAppliedMigrationFailsWithMigrationChangedAndNothingIsApplied() throws IOException {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("edited"), null);
        Files.writeString(dir.resolve("0020__feature_geom.sql"),
                "\nCREATE INDEX feature_geom_evidence_idx ON feature_geom (evidence_ref);\n", StandardOpenOption.APPEND);
        Migrations.copyReal(dir, "0030");

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("edited"), null));

        assertEquals("migration-changed", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("0020__feature_geom.sql"), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("new migration"), "says what to do: " + e.getMessage());
        assertEquals("0010,0020", Migrations.historyVersions(db, "edited"), "0030 must not run");
        assertNull(db.queryOne("SELECT to_regclass('edited.feature_geom_evidence_idx')"));
    }

    @Test
    void aRenamedAppliedMigrationIsAChangeToo() throws IOException {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("renamed"), null);
        Files.move(dir.resolve("0020__feature_geom.sql"), dir.resolve("0020__features.sql"));

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("renamed"), null));

        assertEquals("migration-changed", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("0020"), e.getMessage());
    }
}
