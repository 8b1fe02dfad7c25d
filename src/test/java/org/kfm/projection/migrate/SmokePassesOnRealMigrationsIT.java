package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.run.RunResults;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRuns;

/**
 * smoke on the real migrations: the fresh path and the N-1 path (to 0040, rows in, then 0050) give
 * the same schema, migrating again applies nothing, and the throw-away schemas are gone afterwards.
 */
class SmokePassesOnRealMigrationsIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void freshAndNMinusOnePathsAgreeAndNothingIsLeftBehind() {
        RunResults.Smoke r = TestRuns.migrationRuns(db.dataSource(), "filesystem:" + Migrations.real())
                .smoke(PgIdentifier.of("kfm_smoke_real"), TestRuns.packagedN1Rows(), TestRuns.TRIGGER).value();

        // drift would have ended the run FAILED: a returned result is a passed smoke test
        assertFalse(r.n1Skipped());
        assertEquals("0050", r.latestVersion());
        assertEquals("0040", r.previousVersion());
        assertEquals(5, r.freshApplied().size());
        assertEquals(List.of("0050"), r.n1Applied().stream().map(RunResults.Applied::version).toList());
        assertEquals(0, r.reapplied());
        assertTrue(r.objectsCompared() >= 20, "compared only " + r.objectsCompared() + " objects");
        assertEquals("", TestRuns.smokeSchemas(db));
    }
}
