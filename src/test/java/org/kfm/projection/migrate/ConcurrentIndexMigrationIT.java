package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code CREATE INDEX CONCURRENTLY} alone in its file migrates (Flyway runs the file outside a
 * transaction, and with its transactional lock off nothing waits on the migrating session); mixed
 * with other statements it is refused with rule {@code concurrently-mixed}, naming the file.
 */
class ConcurrentIndexMigrationIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void concurrentIndexAloneInItsFileMigratesWithoutHanging() {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, "0030__feature_geom_evidence_index.sql",
                "CREATE INDEX CONCURRENTLY feature_geom_evidence_idx ON feature_geom (evidence_ref);\n");

        MigrationResult r = Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("alone"), null);

        assertEquals("0030", r.toVersion());
        assertEquals("t", db.queryOne("SELECT indisvalid FROM pg_index "
                + "WHERE indexrelid = to_regclass('alone.feature_geom_evidence_idx')"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void concurrentIndexMixedWithOtherStatementsIsRefusedNamingTheFile() {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, "0030__evidence_column_and_index.sql", """
                ALTER TABLE feature_geom ADD COLUMN evidence_kind text;
                CREATE INDEX CONCURRENTLY feature_geom_kind_idx ON feature_geom (evidence_kind);
                """);

        KfmException e = assertThrows(KfmException.class,
                () -> Migrations.migrator(db.dataSource(), dir).migrate(PgIdentifier.of("mixed"), null));

        assertEquals("concurrently-mixed", e.rule(), e.getMessage());
        String m = e.getMessage();
        assertTrue(m.contains("0030__evidence_column_and_index.sql"), "names the file: " + m);
        assertTrue(m.contains("line 2"), "names the line: " + m);
        assertTrue(m.contains("alone in its own migration file"), "says what to do: " + m);
        assertTrue(m.contains("stays at 0020"), "says where the schema is: " + m);
        assertEquals("0010,0020", Migrations.historyVersions(db, "mixed"));
        assertNull(db.queryOne("SELECT attname FROM pg_attribute WHERE attrelid = 'mixed.feature_geom'::regclass "
                + "AND attname = 'evidence_kind'"), "nothing of the mixed file may be applied");
    }
}
