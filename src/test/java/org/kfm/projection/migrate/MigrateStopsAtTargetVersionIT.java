package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;

/** {@code --target} stops at that version; migrating again to the same version applies nothing. */
class MigrateStopsAtTargetVersionIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static SchemaMigrator migrator;

    @BeforeAll
    static void createDatabase() {
        migrator = Migrations.migrator(db.dataSource(), Migrations.real());
    }

    @Test
    void stopsAtTheTargetAndMigratingAgainIsANoOp() {
        PgIdentifier schema = PgIdentifier.of("kfm_index_shadow");

        MigrationResult first = migrator.migrate(schema, "0030");
        assertEquals(List.of("0010", "0020", "0030"), Migrations.versions(first));
        assertEquals("0030", first.toVersion());
        assertEquals("0010,0020,0030", Migrations.historyVersions(db, "kfm_index_shadow"));
        assertEquals("0", db.queryOne("SELECT count(*) FROM pg_indexes WHERE schemaname = 'kfm_index_shadow' "
                + "AND indexname = 'feature_geom_geom_gist'"), "0040 must not have run");

        MigrationResult again = migrator.migrate(schema, "0030");
        assertEquals(List.of(), again.applied());
        assertEquals("0030", again.fromVersion());
        assertEquals("0030", again.toVersion());

        MigrationResult rest = migrator.migrate(schema, null);
        assertEquals(List.of("0040", "0050"), Migrations.versions(rest));
        assertEquals(List.of(), migrator.migrate(schema, null).applied());
        assertEquals("0010,0020,0030,0040,0050", Migrations.historyVersions(db, "kfm_index_shadow"));
    }

    @Test
    void aTargetBelowTheCurrentVersionAppliesNothingAndUndoesNothing() {
        PgIdentifier schema = PgIdentifier.of("already_latest");
        migrator.migrate(schema, null);

        MigrationResult r = migrator.migrate(schema, "0020");

        assertEquals(List.of(), r.applied());
        assertEquals("0050", r.toVersion());
    }

    @Test
    void aTargetThatNoMigrationHasIsRefusedBeforeAnythingIsApplied() {
        KfmException e = assertThrows(KfmException.class, () -> migrator.migrate(PgIdentifier.of("t_unknown"), "0035"));

        assertEquals("unknown-target", e.rule(), e.getMessage());
        assertEquals(ErrorCode.BAD_USAGE, e.code());
        assertTrue(e.getMessage().contains("0035") && e.getMessage().contains("0010, 0020, 0030, 0040, 0050"),
                e.getMessage());
        assertFalse(Migrations.schemaExists(db, "t_unknown"), "nothing may be created");
    }

    @Test
    void aTargetThatIsNotAVersionIsBadUsageNotAMisnamedFile() {
        KfmException e = assertThrows(KfmException.class, () -> migrator.migrate(PgIdentifier.of("t_abc"), "abc"));

        assertEquals("invalid-target", e.rule(), e.getMessage());
        assertEquals(ErrorCode.BAD_USAGE, e.code());
        assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
        assertFalse(Migrations.schemaExists(db, "t_abc"), "nothing may be created");
    }

    @Test
    void numericallyEqualTargetsAreTheSameVersion() {
        MigrationResult r = migrator.migrate(PgIdentifier.of("t_short"), "20");

        assertEquals(List.of("0010", "0020"), Migrations.versions(r));
    }
}
