package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.migrate.Migrations;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code rebuild --dry-run} works out the plan against live on real PostGIS and writes nothing but
 * its run record: every dataset version classified by id and asset checksums, the migration step
 * with the new files' {@code Rebuild:} notes, bytes per store, the shrink guard and the skip, all as
 * the real run would decide them.
 */
class DryRunPlansAgainstLiveIT {
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
    void classifiesEveryVersionAgainstLiveAndWritesOnlyItsRunRecord() throws IOException {
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_plan_changes").build()) {
            fx.rebuild(TestCatalogs.copySample(dir.resolve("live")));
            Long generation = fx.liveGeneration();
            Path catalog = TestCatalogs.copySample(dir.resolve("next"));
            Path root = catalog.getParent();
            TestCatalogs.editAsset(root.resolve(TestCatalogs.RIVERS), "data", s -> s.replace("-101.35", "-101.36"));
            TestCatalogs.removeItem(root.resolve(TestCatalogs.COLLECTION), "kansas-townships.json");
            TestCatalogs.addVersion(root.resolve(TestCatalogs.COLLECTION), root.resolve(TestCatalogs.LANDMARKS),
                    "kansas-landmarks-copy", ADDED);
            RebuildFixture.Snapshot before = fx.liveSnapshot();
            List<List<String>> schemasBefore = schemas(fx);
            String generationsBefore = fx.one("SELECT count(*) FROM kfm_ops.generation");
            String runsBefore = fx.one("SELECT count(*) FROM kfm_ops.rebuild_run");

            RebuildResult r = fx.rebuild(dryRun(catalog, false, OptionalDouble.empty()));

            assertEquals(RunOutcome.SUCCEEDED, r.outcome());
            assertNull(r.generation());
            assertTrue(r.summary().startsWith("dry run: would rebuild 4 dataset version(s)"), r.summary());
            assertTrue(r.summary().contains("(1 added, 1 changed, 1 removed, 2 unchanged; shrink guard passes; carry 2 from "
                    + "live (18 rows, no artifact read), load 2 ("),
                    r.summary());
            JsonNode plan = r.receipt().get("plan");
            assertEquals(Map.of(LANDMARKS, "unchanged", COUNTIES, "unchanged", RIVERS, "changed", TOWNSHIPS,
                    "removed", ADDED, "added"), field(plan, "change"));
            assertEquals(Map.of(LANDMARKS, "carry", COUNTIES, "carry", RIVERS, "load", TOWNSHIPS, "none", ADDED,
                    "load"), field(plan, "action"));
            assertEquals(Map.of(LANDMARKS, "12", COUNTIES, "6", RIVERS, "8", TOWNSHIPS, "null", ADDED, "12"),
                    field(plan, "declaredRows"));
            assertEquals(Map.of(LANDMARKS, "12", COUNTIES, "6", RIVERS, "8", TOWNSHIPS, "7", ADDED, "null"),
                    field(plan, "liveRecordedRows"));
            assertEquals(Map.of(LANDMARKS, "12", COUNTIES, "6", RIVERS, "8", TOWNSHIPS, "7", ADDED, "null"),
                    field(plan, "liveDeclaredRows"));
            JsonNode rivers = version(plan, RIVERS);
            String newChecksum = TestCatalogs.checksum(root.resolve("kansas/kansas-rivers/rivers.geojsons"));
            assertEquals(newChecksum, rivers.at("/checksums/0").asText());
            assertFalse(rivers.get("checksums").equals(rivers.get("liveChecksums")), rivers.toString());
            assertEquals(version(plan, LANDMARKS).get("checksums"), version(plan, LANDMARKS).get("liveChecksums"));
            assertEquals(1, plan.at("/counts/added").asInt());
            assertEquals(2, plan.at("/counts/unchanged").asInt());
            assertEquals(2, plan.at("/counts/carriable").asInt(), "unchanged, recorded, same migration version");
            assertEquals(fx.liveSnapshot().digests().get(LANDMARKS),
                    version(plan, LANDMARKS).get("liveRecordedDigest").asText(), "live's recorded digest");
            assertTrue(version(plan, ADDED).get("liveRecordedDigest").isNull());

            // only what is loaded is read: the added copy of the landmarks and the changed rivers
            long bytes = Files.size(root.resolve("kansas/kansas-landmarks/landmarks.geojson"))
                    + Files.size(root.resolve("kansas/kansas-rivers/rivers.geojsons"));
            assertEquals(1, plan.get("bytesToRead").size(), plan.get("bytesToRead").toString());
            assertEquals("file:", plan.at("/bytesToRead/0/store").asText());
            assertEquals(bytes, plan.at("/bytesToRead/0/bytes").asLong());

            assertEquals(generation.longValue(), plan.at("/live/generation").asLong());
            assertEquals(TestCatalogs.SAMPLE_ROWS, plan.at("/live/rows").asLong());
            assertEquals("passes", plan.at("/shrinkGuard/verdict").asText());
            assertEquals(38, plan.at("/shrinkGuard/declaredRows").asLong());
            assertEquals(30, plan.at("/shrinkGuard/minimumRows").asLong());
            assertFalse(plan.at("/skip/skipped").asBoolean());
            assertEquals("catalog digest differs from live's", plan.at("/skip/reason").asText());
            assertEquals("0050", plan.at("/migration/fromVersion").asText());
            assertEquals("0050", plan.at("/migration/toVersion").asText());
            assertEquals(0, plan.at("/migration/scripts").size());
            assertFalse(plan.at("/migration/shapeChanged").asBoolean());

            // nothing written but the run record
            assertFalse(fx.exists(fx.shadow()), "no shadow schema");
            assertEquals(before, fx.liveSnapshot(), "live untouched");
            assertEquals(generation, fx.liveGeneration());
            assertEquals(schemasBefore, schemas(fx), "no schema created or dropped");
            assertEquals(generationsBefore, fx.one("SELECT count(*) FROM kfm_ops.generation"));
            assertEquals(Long.parseLong(runsBefore) + 1,
                    Long.parseLong(fx.one("SELECT count(*) FROM kfm_ops.rebuild_run")), "only the run's row");
            JsonNode row = fx.run(r.runId());
            assertEquals("SUCCEEDED", row.get("outcome").asText());
            assertEquals(fx.readJson(plan.toString()), row.at("/receipt/plan"), "the run's receipt records the plan");
            assertEquals(List.of(), ReceiptSchema.violations(row.get("receipt")));
            com.fasterxml.jackson.databind.node.ObjectNode stray = row.get("receipt").deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) stray.get("plan")).put("carried", 1);
            assertFalse(ReceiptSchema.violations(stray).isEmpty(), "the plan's shape is strict");
        }
    }

    @Test
    void predictsTheShrinkGuardAsParityWouldApplyIt() {
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_plan_shrink").build()) {
            fx.rebuild(TestCatalogs.copySample(dir.resolve("live")));
            Path catalog = TestCatalogs.copySample(dir.resolve("smaller"));
            TestCatalogs.removeItem(catalog.getParent().resolve(TestCatalogs.COLLECTION), "kansas-landmarks.json");

            JsonNode tripped = fx.rebuild(dryRun(catalog, false, OptionalDouble.empty())).receipt().get("plan");
            assertEquals("trips", tripped.at("/shrinkGuard/verdict").asText());
            assertTrue(tripped.at("/shrinkGuard/trips").asBoolean());
            assertEquals(21, tripped.at("/shrinkGuard/declaredRows").asLong());
            assertEquals(33, tripped.at("/shrinkGuard/liveRows").asLong());
            assertEquals(30, tripped.at("/shrinkGuard/minimumRows").asLong());

            JsonNode allowed = fx.rebuild(dryRun(catalog, false, OptionalDouble.of(0.5))).receipt().get("plan");
            assertEquals("passes", allowed.at("/shrinkGuard/verdict").asText());
            assertEquals(17, allowed.at("/shrinkGuard/minimumRows").asLong());

            // and the real run fails exactly as predicted
            fx.rebuildFails(RebuildFixture.request(catalog));
            assertEquals(List.of("shrink"), RebuildFixture.failedRules(fx.lastRun("rebuild").get("receipt")));
        }
    }

    @Test
    void predictsTheSkipAndForceOverridesIt() {
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_plan_skip").build()) {
            Path catalog = TestCatalogs.copySample(dir.resolve("live"));
            fx.rebuild(catalog);
            RebuildResult skipped = fx.rebuild(dryRun(catalog, false, OptionalDouble.empty()));
            assertEquals(RunOutcome.SKIPPED, skipped.outcome());
            JsonNode plan = skipped.receipt().get("plan");
            assertTrue(plan.at("/skip/skipped").asBoolean(), plan.toString());
            assertTrue(plan.at("/skip/reason").asText().endsWith("are already live as generation "
                    + fx.liveGeneration()), plan.toString());
            assertEquals(4, plan.at("/counts/unchanged").asInt());
            assertEquals(List.of(), ReceiptSchema.violations(skipped.receipt()));

            RebuildResult forced = fx.rebuild(dryRun(catalog, true, OptionalDouble.empty()));
            assertEquals(RunOutcome.SUCCEEDED, forced.outcome());
            assertFalse(forced.receipt().at("/plan/skip/skipped").asBoolean());
            assertTrue(forced.receipt().at("/plan/skip/reason").asText().contains("--force"));
            assertFalse(fx.exists(fx.shadow()));
        }
    }

    @Test
    void listsTheNewMigrationFilesWithTheirRebuildNotes() throws IOException {
        Path catalog = TestCatalogs.copySample(dir.resolve("live"));
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_plan_migration").build()) {
            fx.rebuild(catalog);
        }
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Migrations.copyReal(migrations, "0010", "0020", "0030", "0040", "0050");
        Migrations.write(migrations, "0060__plan_probe.sql", """
                -- Purpose: a column the plan test adds
                -- Risk: low
                -- Rollback: none
                -- Rebuild: required. Rows projected before this version have plan_probe NULL;
                --   run kfm-projection rebuild.

                ALTER TABLE feature_geom ADD COLUMN plan_probe text;
                """);
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_plan_migration")
                .migrations("filesystem:" + migrations).build()) {
            RebuildFixture.Snapshot before = fx.liveSnapshot();
            RebuildResult r = fx.rebuild(dryRun(catalog, false, OptionalDouble.empty()));
            assertEquals(RunOutcome.SUCCEEDED, r.outcome(), "a new migration version is not skipped");
            JsonNode m = r.receipt().at("/plan/migration");
            assertEquals("0050", m.get("fromVersion").asText());
            assertEquals("0060", m.get("toVersion").asText());
            assertTrue(m.get("shapeChanged").asBoolean());
            assertEquals(6, m.get("totalScripts").asInt());
            assertEquals(1, m.get("scripts").size(), m.toString());
            assertEquals("0060__plan_probe.sql", m.at("/scripts/0/script").asText());
            assertEquals("required. Rows projected before this version have plan_probe NULL; run kfm-projection "
                    + "rebuild.", m.at("/scripts/0/rebuild").asText());
            assertEquals("migration version 0050 → 0060", r.receipt().at("/plan/skip/reason").asText());
            assertEquals(4, r.receipt().at("/plan/counts/unchanged").asInt());
            assertEquals(0, r.receipt().at("/plan/counts/carriable").asInt(), "a new migration reloads everything");
            assertFalse(fx.exists(fx.shadow()));
            assertEquals(before, fx.liveSnapshot());
            assertEquals(List.of(), ReceiptSchema.violations(r.receipt()));
        }
    }

    @Test
    void withNothingLiveEveryVersionIsAddedAndEveryFileListed() {
        try (RebuildFixture fx = RebuildFixture.builder(db, "it_plan_first").build()) {
            RebuildResult r = fx.rebuild(dryRun(TestCatalogs.copySample(dir.resolve("first")), false,
                    OptionalDouble.empty()));
            JsonNode plan = r.receipt().get("plan");
            assertTrue(plan.get("live").isNull());
            assertEquals(4, plan.at("/counts/added").asInt());
            assertEquals("not-applicable", plan.at("/shrinkGuard/verdict").asText());
            assertEquals("no live generation", plan.at("/skip/reason").asText());
            JsonNode scripts = plan.at("/migration/scripts");
            assertEquals(5, scripts.size());
            assertTrue(scripts.get(2).get("rebuild").isNull(), "0030 has no Rebuild note: " + scripts);
            assertTrue(scripts.get(4).get("rebuild").asText().startsWith("required."), scripts.toString());
            assertFalse(fx.exists(fx.live()));
            assertFalse(fx.exists(fx.shadow()));
            assertEquals(List.of(), ReceiptSchema.violations(r.receipt()));
        }
    }

    private static RebuildRequest dryRun(Path catalog, boolean force, OptionalDouble allowShrink) {
        return new RebuildRequest(Optional.of(catalog.toString()), true, false, force, allowShrink, true,
                RebuildFixture.TRIGGER);
    }

    private static List<List<String>> schemas(RebuildFixture fx) {
        return fx.rows("SELECT nspname FROM pg_namespace ORDER BY 1");
    }

    private static JsonNode version(JsonNode plan, String id) {
        for (JsonNode v : plan.get("datasetVersions")) {
            if (v.get("datasetVersionId").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("no " + id + " in " + plan);
    }

    private static Map<String, String> field(JsonNode plan, String name) {
        Map<String, String> out = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode v : plan.get("datasetVersions")) {
            ids.add(v.get("datasetVersionId").asText());
            out.put(v.get("datasetVersionId").asText(), v.get(name).isNull() ? "null" : v.get(name).asText());
        }
        assertEquals(ids.stream().sorted().toList(), ids, "versions in id order");
        return out;
    }
}
