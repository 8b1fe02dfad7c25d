package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.run.RunResults;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRuns;

/** With a single migration there is no N-1 version: smoke reports that path skipped and passes. */
class SmokeWithOneMigrationIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void theNMinusOnePathIsReportedSkipped() {
        Migrations.copyReal(dir, "0010");

        RunResults.Smoke r = TestRuns.migrationRuns(db.dataSource(), "filesystem:" + dir)
                .smoke(PgIdentifier.of("kfm_smoke_single"), "", TestRuns.TRIGGER).value();

        assertTrue(r.n1Skipped());
        assertNull(r.previousVersion());
        assertEquals("0010", r.latestVersion());
        assertEquals("true", db.queryOne("SELECT receipt ->> 'n1Skipped' FROM kfm_ops.rebuild_run "
                + "WHERE kind = 'smoke' ORDER BY started_at DESC LIMIT 1"));
        assertEquals("", TestRuns.smokeSchemas(db));
    }
}
