package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A promoted artifact with one polygon whose outer ring is not closed (as a common TopoJSON-to-GeoJSON
 * conversion publishes real boundaries). Under the default {@code kfm.input.unclosed-ring = reject} the
 * rebuild fails as bad input (exit 5) naming the feature and the setting, live untouched; under
 * {@code close} it succeeds with the ring closed as GDAL closes it, the repair counted and listed by
 * feature id in the parity report and the receipt, and the digests (load and SQL) agree on the closed ring.
 */
class UnclosedRingsAreRefusedOrClosedAndListedIT {
    private static final String VERSION = "kansas-landmarks-20251201";
    /** The last two positions of Konza Prairie's outer ring, the closing one included, whatever the layout. */
    private static final String CLOSING = "\\[\\s*-96\\.62,\\s*39\\.12\\s*\\],\\s*\\[\\s*-96\\.62,\\s*39\\.07\\s*\\]";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture rejecting;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        rejecting = RebuildFixture.builder(db, "it_rings").build();
        assertEquals(1L, rejecting.rebuild(TestCatalogs.copySample(dir.resolve("sample"))).generation());
    }

    @AfterAll
    static void tearDown() {
        rejecting.close();
    }

    @Test
    void rejectRefusesTheArtifactNamingFeatureRingAndSetting() {
        Snapshot before = rejecting.liveSnapshot();
        Long generation = rejecting.liveGeneration();

        KfmException e = rejecting.rebuildFails(RebuildFixture.forced(openRing("reject")));

        rejecting.assertLiveUntouched(e, before, generation, ErrorCode.BAD_INPUT, "malformed-geometry", true);
        assertEquals(5, e.code().exitCode());
        assertTrue(e.getMessage().contains("landmarks.geojson at line "), e.getMessage());
        assertTrue(e.getMessage().contains("id \"konza-prairie\""), e.getMessage());
        assertTrue(e.getMessage().contains("ring 0 is not closed"), e.getMessage());
        assertTrue(e.getMessage().contains("KFM_INPUT_UNCLOSED_RING"), e.getMessage());
    }

    @Test
    void closeLoadsTheClosedRingAndListsTheRepairInParityAndReceipt() {
        try (RebuildFixture closing = RebuildFixture.builder(db, "it_rings")
                .unclosedRings(UnclosedRingPolicy.CLOSE).build()) {
            RebuildResult result = closing.rebuild(RebuildFixture.forced(openRing("close")));

            assertEquals(RunOutcome.SUCCEEDED, result.outcome());
            assertEquals("10|true|true", closing.one("SELECT ST_NPoints(geom) || '|' || ST_IsClosed(ST_ExteriorRing(geom))"
                    + " || '|' || ST_IsValid(geom) FROM it_rings.feature_geom WHERE feature_id = 'konza-prairie'"));
            JsonNode receipt = closing.lastRun("rebuild").get("receipt");
            assertEquals(List.of(), RebuildFixture.failedRules(receipt), "parity passed: digests agree");

            JsonNode version = version(receipt.at("/parity/datasetVersions"));
            assertEquals(1, version.get("closedRingCount").asInt(), version.toString());
            assertEquals("konza-prairie", version.at("/closedRings/0/featureId").asText());
            assertEquals("kansas-landmarks/data#9", version.at("/closedRings/0/evidenceRef").asText());
            assertEquals(1, version.at("/closedRings/0/rings").asInt());
            assertEquals(version.get("loadDigest"), version.get("sqlDigest"));

            JsonNode finding = finding(receipt.at("/parity/findings"));
            assertEquals("info", finding.get("severity").asText());
            assertEquals("1", finding.get("actual").asText());
            assertTrue(finding.get("message").asText().contains("konza-prairie"), finding.toString());

            JsonNode loaded = version(receipt.at("/load/datasets"));
            assertEquals(1, loaded.get("closedRingCount").asInt(), loaded.toString());
            assertEquals("konza-prairie", loaded.at("/closedRings/0/featureId").asText(), loaded.toString());
        }
    }

    private static JsonNode version(JsonNode versions) {
        for (JsonNode v : versions) {
            if (VERSION.equals(v.get("datasetVersionId").asText())) {
                return v;
            }
        }
        throw new AssertionError("no " + VERSION + " in " + versions);
    }

    private static JsonNode finding(JsonNode findings) {
        for (JsonNode f : findings) {
            if ("closed-ring".equals(f.get("rule").asText())) {
                assertEquals(VERSION, f.get("datasetVersionId").asText());
                return f;
            }
        }
        throw new AssertionError("no closed-ring finding in " + findings);
    }

    /** The sample with Konza Prairie's outer ring left open, promoted as a new dataset version. */
    private static Path openRing(String name) {
        Path d = dir.resolve(name);
        Path catalog = TestCatalogs.copySample(d);
        TestCatalogs.editAsset(d.resolve(TestCatalogs.LANDMARKS), "data", 
                text -> text.replaceFirst(CLOSING, "[-96.62, 39.12]"));
        TestCatalogs.editProperties(d.resolve(TestCatalogs.LANDMARKS), p -> p.put("kfm:dataset_version_id", VERSION));
        return catalog;
    }
}
