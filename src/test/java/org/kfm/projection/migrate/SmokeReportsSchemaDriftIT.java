package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRuns;

/**
 * smoke fails with rule {@code schema-drift} and a readable diff when the N-1 path ends in a
 * different schema than the fresh path (fixture {@code migrations/drift}: 0050 adds a column only
 * to an empty table), and still drops its throw-away schemas.
 */
class SmokeReportsSchemaDriftIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void aColumnOnlyTheFreshPathGetsIsSchemaDriftNamingTheColumn() {
        KfmException e = assertThrows(KfmException.class,
                () -> TestRuns.migrationRuns(db.dataSource(), "classpath:migrations/drift")
                        .smoke(PgIdentifier.of("kfm_smoke_drift"), TestRuns.packagedN1Rows(), TestRuns.TRIGGER));

        assertEquals("schema-drift", e.rule(), e.getMessage());
        assertEquals(ErrorCode.FAILED, e.code());
        assertTrue(e.getMessage().contains("- column feature_geom.extra: only in fresh"), e.getMessage());
        assertEquals("", TestRuns.smokeSchemas(db), "smoke must drop its schemas when it fails");
    }
}
