package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.bench.rebuild.BenchServices;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRuns;
import org.kfm.projection.validate.DigestChangePolicy;
import org.kfm.projection.validate.InvalidGeometryPolicy;
import org.kfm.projection.validate.ParityPolicy;

/**
 * Parity compares the shadow with the results recorded when live was validated, instead of scanning
 * live again (a scan costs as much as the shadow's digest), and falls back to a scan when the live
 * schema does not carry the recorded generation. The tampered row shows which baseline was used: a
 * scan sees live's changed digest (rule 3 fails), the recorded results do not.
 */
class ParityComparesWithRecordedLiveResultsIT {
    private static final String SAMPLE = TestDatabase.repoRoot().resolve("samples/catalog/catalog.json").toString();
    private static final PgIdentifier PROJECTION = PgIdentifier.of("kfm_recorded");

    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.create();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private RebuildOrchestrator orchestrator(RebuildSettings.LiveBaselineMode mode) {
        RebuildSettings rebuild = RebuildSettings.defaults(2).withReceiptsInStore(false)
                .withParity(new RebuildSettings.ParitySettings(InvalidGeometryPolicy.REPORT, DigestChangePolicy.FAIL,
                        ParityPolicy.DEFAULT_BBOX_TOLERANCE, ParityPolicy.DEFAULT_MIN_SHRINK_FRACTION, mode));
        return new RebuildOrchestrator(BenchServices.create(db.dataSource(), TestRuns.settings(
                "filesystem:" + TestDatabase.repoRoot() + "/migrations/postgis"), rebuild,
                ArtifactStores.create(StoreSettings.defaults()), new ObjectMapper().findAndRegisterModules(),
                Clock.systemUTC(), PROJECTION));
    }

    private RebuildResult rebuild(RebuildSettings.LiveBaselineMode mode) {
        return orchestrator(mode).rebuild(new RebuildRequest(Optional.of(SAMPLE), false, true, true,
                OptionalDouble.empty(), false, TestRuns.TRIGGER), RunObserver.NONE);
    }

    private void tamperWithLive() {
        orchestrator(RebuildSettings.LiveBaselineMode.RECORDED).rebuild(new RebuildRequest(Optional.of(SAMPLE), false,
                false, true, OptionalDouble.empty(), false, TestRuns.TRIGGER), RunObserver.NONE);
        db.execute("UPDATE kfm_recorded.feature_geom SET geom = ST_Translate(geom, 0.001, 0) "
                + "WHERE feature_id = 'gnis-471443'");
    }

    @Test
    void comparesWithRecordedResultsWithoutReadingLive() {
        tamperWithLive();
        RebuildResult r = rebuild(RebuildSettings.LiveBaselineMode.RECORDED);
        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals("kfm_recorded", r.receipt().path("parity").path("liveSchema").asText());
        assertEquals(0, r.receipt().path("parity").path("changes").path("changed").size(),
                "the recorded digests equal the shadow's");
    }

    @Test
    void scansLiveWhenConfiguredTo() {
        tamperWithLive();
        KfmException e = assertThrows(KfmException.class, () -> rebuild(RebuildSettings.LiveBaselineMode.SCAN));
        assertEquals(ErrorCode.PARITY_FAILED, e.code(), e.getMessage());
    }

    @Test
    void scansLiveWhenItsSchemaDoesNotCarryTheRecordedGeneration() {
        tamperWithLive();
        db.execute("COMMENT ON SCHEMA kfm_recorded IS NULL");
        KfmException e = assertThrows(KfmException.class, () -> rebuild(RebuildSettings.LiveBaselineMode.RECORDED));
        assertEquals(ErrorCode.PARITY_FAILED, e.code(), e.getMessage());
    }

}
