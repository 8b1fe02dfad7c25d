package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestDatabase;

/**
 * A process bootstraps the database once: status, the read behind {@code GET /api/v1/projection},
 * runs no Flyway after the first success. Shown two ways: the bootstrap's own count of ops
 * migration passes, and a history table moved away after the first read, which any later Flyway
 * pass would trip over ("non-empty schema but no schema history table").
 */
class ReadsDoNotMigrateIT {
    private TestDatabase db;
    private RebuildFixture fixture;

    @BeforeEach
    void database() {
        db = TestDatabase.create();
        fixture = RebuildFixture.builder(db, "kfm_reads").build();
    }

    @AfterEach
    void drop() throws Exception {
        fixture.close();
        db.close();
    }

    @Test
    void statusBootstrapsOnceAndThenOnlyReads() {
        ProjectionOperations operations = fixture.operations();
        operations.status(5);
        assertEquals(1, fixture.services().bootstrap().migrationPasses());
        assertTrue(fixture.services().bootstrap().done());

        db.execute("ALTER TABLE kfm_ops.flyway_schema_history RENAME TO flyway_schema_history_moved");
        try {
            for (int i = 0; i < 3; i++) {
                ProjectionStatus s = operations.status(5);
                assertEquals("kfm_reads", s.projection());
            }
            assertEquals(1, fixture.services().bootstrap().migrationPasses(), "no Flyway pass after the first");
        } finally {
            db.execute("ALTER TABLE kfm_ops.flyway_schema_history_moved RENAME TO flyway_schema_history");
        }
    }

    @Test
    void aFailedBootstrapIsTriedAgainByTheNextCaller() {
        db.execute("CREATE SCHEMA kfm_ops; CREATE TABLE kfm_ops.squatter (x int)");
        try {
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> fixture.operations().status(1));
        } finally {
            db.execute("DROP SCHEMA kfm_ops CASCADE");
        }
        fixture.operations().status(1);
        assertTrue(fixture.services().bootstrap().done());
        assertEquals(2, fixture.services().bootstrap().migrationPasses());
    }
}
