package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.validate.InvalidGeometryPolicy;

/**
 * A parity failure found by a rebuild fails it with code PARITY_FAILED (exit 4): live is untouched
 * (same generation, digests, rows), the shadow is kept for inspection, and the receipt holds the
 * report naming the rule and the dataset version. Cases: geometry changed under the same dataset
 * version id, invalid geometry under the reject policy, a shrink beyond the guard (which passes
 * once allowed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParityFailuresLeaveLiveUntouchedIT {
    private static final String LANDMARKS = "kansas-landmarks-20250314";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path sample;
    private static Snapshot live;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_parity").build();
        sample = TestCatalogs.copySample(dir.resolve("sample"));
        assertEquals(1L, fx.rebuild(sample).generation());
        live = fx.liveSnapshot();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    @Order(1)
    void aGeometryChangedUnderTheSameDatasetVersionIdFailsAsLiveDigestChanged() {
        Path catalog = TestCatalogs.copySample(dir.resolve("moved"));
        TestCatalogs.editAsset(dir.resolve("moved").resolve(TestCatalogs.LANDMARKS), "data",
                s -> s.replace("-100.7631", "-100.7641"));

        KfmException e = fx.rebuildFails(RebuildFixture.request(catalog));

        JsonNode run = fx.assertLiveUntouched(e, live, 1L, ErrorCode.PARITY_FAILED, "parity-failed", true);
        assertEquals(4, e.code().exitCode());
        assertEquals(List.of("live-digest-changed"), RebuildFixture.failedRules(run.get("receipt")));
        assertEquals(LANDMARKS, run.at("/receipt/parity/findings/0/datasetVersionId").asText());
        assertEquals(LANDMARKS, run.at("/receipt/parity/changes/changed/0").asText());
        assertTrue(e.getMessage().contains(LANDMARKS), e.getMessage());
        assertEquals("POINT(-100.7641 38.7928)", fx.one("SELECT ST_AsText(geom) FROM it_parity_shadow.feature_geom"
                + " WHERE feature_id = 'gnis-471443'"), "the shadow holds what was loaded, for inspection");
    }

    @Test
    @Order(2)
    void anInvalidGeometryFailsUnderTheRejectPolicy() {
        KfmException e;
        try (RebuildFixture reject = RebuildFixture.builder(db, "it_parity")
                .invalidGeometry(InvalidGeometryPolicy.REJECT).build()) {
            e = reject.rebuildFails(RebuildFixture.forced(sample));
        }

        JsonNode run = fx.assertLiveUntouched(e, live, 1L, ErrorCode.PARITY_FAILED, "parity-failed", true);
        assertEquals(List.of("invalid-geometry"), RebuildFixture.failedRules(run.get("receipt")));
        assertEquals(LANDMARKS, run.at("/receipt/parity/findings/0/datasetVersionId").asText());
        assertTrue(fx.events(UUID.fromString(run.get("run_id").asText())).stream()
                .anyMatch(m -> m.startsWith("PREPARING: dropped leftover shadow it_parity_shadow")),
                "the shadow the previous test kept was dropped and logged");
    }

    @Test
    @Order(3)
    void aShrinkBeyondTheGuardFails() {
        KfmException e = fx.rebuildFails(RebuildFixture.request(withoutLandmarks()));

        JsonNode run = fx.assertLiveUntouched(e, live, 1L, ErrorCode.PARITY_FAILED, "parity-failed", true);
        assertEquals(List.of("shrink"), RebuildFixture.failedRules(run.get("receipt")));
        assertEquals(LANDMARKS, run.at("/receipt/parity/changes/removed/0").asText());
        assertEquals(21, run.at("/receipt/parity/totals/shadowRows").asLong());
        assertEquals(TestCatalogs.SAMPLE_ROWS, run.at("/receipt/parity/totals/liveRows").asLong());
    }

    @Test
    @Order(4)
    void theSameShrinkPassesWhenAllowed() {
        RebuildResult r = fx.rebuild(RebuildFixture.allowingShrink(withoutLandmarks(), 0.5));

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals(2L, r.generation());
        assertEquals(21, fx.liveSnapshot().rows());
        assertEquals(live, fx.snapshot(fx.previous()));
    }

    private static Path withoutLandmarks() {
        Path d = dir.resolve("shrunk");
        if (!d.resolve("catalog.json").toFile().exists()) {
            TestCatalogs.copySample(d);
            TestCatalogs.removeItem(d.resolve(TestCatalogs.COLLECTION), "kansas-landmarks.json");
        }
        return d.resolve("catalog.json");
    }
}
