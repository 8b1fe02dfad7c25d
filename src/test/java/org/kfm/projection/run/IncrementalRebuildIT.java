package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.migrate.Migrations;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.validate.InvalidGeometryPolicy;

/**
 * An incremental rebuild on real PostGIS: unchanged dataset versions are carried from live inside
 * the database, added and changed ones are loaded from their artifacts, and the generation it swaps
 * in is row for row what a full rebuild of the same catalog builds. Parity still proves every carried
 * row against what live's swap recorded, a new migration version reloads everything, and {@code --full}
 * and {@code --force} carry nothing.
 */
class IncrementalRebuildIT {
    private static final String LANDMARKS = TestCatalogs.LANDMARKS_VERSION;
    private static final String RIVERS = TestCatalogs.RIVERS_VERSION;
    private static final String COUNTIES = TestCatalogs.COUNTIES_VERSION;
    private static final String TOWNSHIPS = TestCatalogs.TOWNSHIPS_VERSION;
    private static final String ADDED = "kansas-landmarks-20250701";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void carriesUnchangedVersionsLoadsTheRestAndBuildsWhatAFullRebuildBuilds() throws IOException {
        Path next = changedCatalog(dir.resolve("next"));
        Path root = next.getParent();
        RebuildFixture.Snapshot full;
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_full").build()) {
            fx.rebuild(TestCatalogs.copySample(dir.resolve("full-live")));
            RebuildResult r = fx.rebuild(RebuildFixture.request(next).withFull(true));
            assertEquals(0, r.receipt().at("/plan/actions/carry").asInt(), r.receipt().at("/plan").toString());
            assertEquals(5, r.receipt().at("/load/datasets").size());
            full = fx.liveSnapshot();
        }
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc").build()) {
            fx.rebuild(TestCatalogs.copySample(dir.resolve("live")));
            long liveGeneration = fx.liveGeneration();

            RebuildResult r = fx.rebuild(RebuildFixture.request(next));

            assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
            assertEquals(liveGeneration + 1, r.generation().longValue());
            JsonNode receipt = r.receipt();
            assertEquals(Map.of(LANDMARKS, "carry", COUNTIES, "carry", RIVERS, "load", TOWNSHIPS, "carry",
                    ADDED, "load"), actions(receipt.get("plan")), receipt.get("plan").toString());
            assertEquals(3, receipt.at("/plan/actions/carry").asInt());
            assertEquals(2, receipt.at("/plan/actions/load").asInt());
            assertEquals("asset checksums differ from live's", version(receipt.get("plan"), RIVERS).get("reason")
                    .asText());
            assertEquals("not in live", version(receipt.get("plan"), ADDED).get("reason").asText());
            assertTrue(version(receipt.get("plan"), LANDMARKS).get("reason").asText()
                    .startsWith("unchanged: carried from live generation " + liveGeneration), receipt.toString());

            // the carried versions are in the receipt with their rows; only the others were read
            assertEquals(Map.of(LANDMARKS, 12L, COUNTIES, 6L, TOWNSHIPS, 7L), carried(receipt));
            assertEquals(25, receipt.at("/carry/rows").asLong());
            assertEquals("it_inc", receipt.at("/carry/from").asText());
            long readBytes = Files.size(root.resolve("kansas/kansas-landmarks/landmarks.geojson"))
                    + Files.size(root.resolve("kansas/kansas-rivers/rivers.geojsons"));
            assertEquals(readBytes, receipt.at("/load/bytes").asLong(), "only the added and changed artifacts");
            assertEquals(readBytes, receipt.at("/plan/bytesToRead/0/bytes").asLong());
            assertEquals(2, receipt.at("/load/datasets").size());
            assertEquals(List.of(), ReceiptSchema.violations(receipt));
            assertTrue(r.summary().contains("25 carried from the previous one"), r.summary());

            // the disk preflight estimates a carried version from live's size, the others from their artifacts
            long liveBytes = Long.parseLong(fx.one("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'it_inc_prev' "
                    + "AND c.relkind IN ('r', 'm', 'p')"));
            for (JsonNode v : receipt.at("/shadowBudget/datasetVersions")) {
                String id = v.get("datasetVersionId").asText();
                boolean carry = Map.of(LANDMARKS, 12L, COUNTIES, 6L, TOWNSHIPS, 7L).containsKey(id);
                assertEquals(carry, v.get("carried").asBoolean(), v.toString());
                if (id.equals(LANDMARKS)) {
                    // live then is the previous generation now; a visibility map written since may move its size
                    double expected = liveBytes * 12.0 / 33;
                    assertEquals(expected, v.get("estimateBytes").asDouble(), expected * 0.2, v.toString());
                }
            }

            // parity proved the carried rows against what live's swap recorded
            for (JsonNode v : receipt.at("/parity/datasetVersions")) {
                assertNotEquals("fail", v.get("status").asText(), v.toString());
            }
            assertEquals(full, fx.liveSnapshot(), "row for row what a full rebuild of the same catalog builds");
            assertEquals(String.valueOf(full.rows()),
                    fx.one("SELECT row_count FROM kfm_ops.generation WHERE projection = 'it_inc' AND status = 'live'"));
        }
    }

    @Test
    void aCarriedVersionWhoseLiveRowsWereChangedAfterTheSwapFailsParityAndFullRebuildsIt() throws IOException {
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_tamper").build()) {
            fx.rebuild(TestCatalogs.copySample(dir.resolve("live")));
            fx.one("UPDATE it_inc_tamper.feature_geom SET geom = ST_Translate(geom, 0.001, 0) "
                    + "WHERE dataset_version_id = '" + LANDMARKS + "' AND feature_id = (SELECT min(feature_id) "
                    + "FROM it_inc_tamper.feature_geom WHERE dataset_version_id = '" + LANDMARKS + "') RETURNING 1");
            RebuildFixture.Snapshot tampered = fx.liveSnapshot();
            Long generation = fx.liveGeneration();
            Path next = changedCatalog(dir.resolve("next"));

            KfmException e = fx.rebuildFails(RebuildFixture.request(next));

            fx.assertLiveUntouched(e, tampered, generation, ErrorCode.PARITY_FAILED, "parity-failed", true);
            JsonNode receipt = fx.lastRun("rebuild").get("receipt");
            List<String> failed = RebuildFixture.failedRules(receipt);
            assertTrue(failed.contains("carried-rows"), receipt.get("parity").toString());
            assertTrue(e.getMessage().contains(LANDMARKS) && e.getMessage().contains("--full"), e.getMessage());

            RebuildResult reloaded = fx.rebuild(RebuildFixture.request(next).withFull(true));
            assertEquals(RunOutcome.SUCCEEDED, reloaded.outcome(), reloaded.summary());
            assertEquals(0, reloaded.receipt().at("/plan/actions/carry").asInt());
            assertEquals("--full loads every version", version(reloaded.receipt().get("plan"), LANDMARKS)
                    .get("reason").asText());
        }
    }

    @Test
    void aNewMigrationVersionReloadsEverything() throws IOException {
        Path live = TestCatalogs.copySample(dir.resolve("live"));
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_migration").build()) {
            fx.rebuild(live);
        }
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Migrations.copyReal(migrations, "0010", "0020", "0030", "0040", "0050");
        Migrations.write(migrations, "0060__inc_probe.sql", """
                -- Purpose: a column the incremental test adds
                -- Risk: low
                -- Rollback: none
                -- Rebuild: required. Run kfm-projection rebuild.

                ALTER TABLE feature_geom ADD COLUMN inc_probe text;
                """);
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_migration")
                .migrations("filesystem:" + migrations).build()) {
            RebuildResult r = fx.rebuild(RebuildFixture.request(changedCatalog(dir.resolve("next"))));

            assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
            assertEquals(0, r.receipt().at("/plan/actions/carry").asInt(), r.receipt().get("plan").toString());
            assertEquals(5, r.receipt().at("/load/datasets").size(), "every version loaded from its artifacts");
            assertEquals("migration version 0050 → 0060 changes the tables' shape",
                    version(r.receipt().get("plan"), LANDMARKS).get("reason").asText());
            assertTrue(r.receipt().path("carry").isMissingNode(), r.receipt().toString());
            assertEquals("45", fx.one("SELECT count(*) FROM it_inc_migration.feature_geom"));
        }
    }

    @Test
    void forceCarriesNothingAndADryRunSaysWhatWouldBeCarried() throws IOException {
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_force").build()) {
            Path live = TestCatalogs.copySample(dir.resolve("live"));
            fx.rebuild(live);
            RebuildResult forced = fx.rebuild(RebuildFixture.forced(live));
            assertEquals(0, forced.receipt().at("/plan/actions/carry").asInt());
            assertEquals(4, forced.receipt().at("/load/datasets").size());
            assertEquals("--force loads every version", version(forced.receipt().get("plan"), COUNTIES)
                    .get("reason").asText());

            RebuildResult dry = fx.rebuild(new RebuildRequest(Optional.of(changedCatalog(dir.resolve("next"))
                    .toString()), true, false, false, OptionalDouble.empty(), true, RebuildFixture.TRIGGER));
            assertTrue(dry.summary().contains("carry 3 from live (25 rows, no artifact read), load 2 ("),
                    dry.summary());
            assertEquals(List.of(), ReceiptSchema.violations(dry.receipt()));
        }
    }

    @Test
    void aVersionWhoseRowsWouldComeOutOtherwiseIsLoadedNotCarried() throws IOException {
        Path live = TestCatalogs.copySample(dir.resolve("live"));
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_recipe").build()) {
            fx.rebuild(live);
            // same artifacts, but the landmarks were promoted again: their rows carry the new updated_at
            Path next = changedCatalog(dir.resolve("next"));
            TestCatalogs.editProperties(next.getParent().resolve(TestCatalogs.LANDMARKS),
                    p -> p.put("kfm:promoted_at", "2025-08-01T00:00:00Z"));
            JsonNode plan = fx.rebuild(new RebuildRequest(Optional.of(next.toString()), true, false, false,
                    OptionalDouble.empty(), true, RebuildFixture.TRIGGER)).receipt().get("plan");
            assertEquals("load", version(plan, LANDMARKS).get("action").asText());
            assertTrue(version(plan, LANDMARKS).get("reason").asText().startsWith("kfm:promoted_at 2025-08-01T00:00:00Z "
                    + "differs from live's"), plan.toString());
            assertEquals("carry", version(plan, COUNTIES).get("action").asText());
        }
        // another invalid-geometry policy writes other rows from the same bytes: nothing is carried
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_inc_recipe")
                .invalidGeometry(InvalidGeometryPolicy.REPAIR).build()) {
            JsonNode plan = fx.rebuild(new RebuildRequest(Optional.of(changedCatalog(dir.resolve("again")).toString()),
                    true, false, false, OptionalDouble.empty(), true, RebuildFixture.TRIGGER)).receipt().get("plan");
            assertEquals(0, plan.at("/actions/carry").asInt(), plan.toString());
            assertEquals("live was built with invalid-geometry policy report, this run uses repair",
                    version(plan, COUNTIES).get("reason").asText());
        }
    }

    /**
     * The sample with a property of the rivers' artifact corrected in place (new checksum, same
     * geometries: parity's live-digest rule still holds) and a copy of the landmarks added as a new version.
     */
    private static Path changedCatalog(Path at) {
        Path catalog = TestCatalogs.copySample(at);
        Path root = catalog.getParent();
        TestCatalogs.editAsset(root.resolve(TestCatalogs.RIVERS), "data", s -> s.replace("\"reach\":\"upper\"",
                "\"reach\":\"upper basin\""));
        TestCatalogs.addVersion(root.resolve(TestCatalogs.COLLECTION), root.resolve(TestCatalogs.LANDMARKS),
                "kansas-landmarks-copy", ADDED);
        return catalog;
    }

    private static Map<String, String> actions(JsonNode plan) {
        Map<String, String> out = new TreeMap<>();
        plan.get("datasetVersions").forEach(v -> out.put(v.get("datasetVersionId").asText(), v.get("action").asText()));
        return out;
    }

    private static Map<String, Long> carried(JsonNode receipt) {
        Map<String, Long> out = new TreeMap<>();
        receipt.at("/carry/versions").forEach(v -> out.put(v.get("datasetVersionId").asText(), v.get("rows").asLong()));
        return out;
    }

    private static JsonNode version(JsonNode plan, String id) {
        for (JsonNode v : plan.get("datasetVersions")) {
            if (v.get("datasetVersionId").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("no " + id + " in " + plan);
    }
}
