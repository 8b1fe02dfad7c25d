package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A first rebuild from (a copy of) the sample catalog makes generation 1 live with every dataset
 * version's rows, and leaves a complete receipt in {@code kfm_ops.rebuild_run} and beside the
 * catalog. The same inputs again are skipped; with {@code force} they make a new generation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullRebuildFromSampleCatalogIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path catalog;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_sample").build();
        catalog = TestCatalogs.copySample(dir);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    @Order(1)
    void firstRebuildMakesGenerationOneLiveWithEveryDatasetVersion() {
        RebuildResult r = fx.rebuild(catalog);

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals(1L, r.generation());
        assertEquals(1L, fx.liveGeneration());
        assertEquals(Map.of("kansas-counties-20250520", 6L, "kansas-landmarks-20250314", 12L,
                "kansas-rivers-20250401", 8L, "kansas-townships-20250602", 7L), fx.liveSnapshot().rowsPerVersion());
        assertEquals("4", fx.one("SELECT count(*) FROM it_sample.dataset_version"));
        assertFalse(fx.exists(fx.shadow()), "the shadow became live");
        assertFalse(fx.exists(fx.previous()), "nothing to keep on a first rebuild");
        assertEquals("kfm-projection generation 1", fx.one("SELECT obj_description('it_sample'::regnamespace, 'pg_namespace')"),
                "the schema comment names its generation");
    }

    @Test
    @Order(2)
    void theReceiptNamesInputsOutputsTimingsAndOutcome() throws Exception {
        JsonNode run = fx.lastRun("rebuild");
        assertEquals("SUCCEEDED", run.get("outcome").asText());
        assertEquals("SUCCEEDED", run.get("state").asText());
        assertEquals(1, run.get("generation").asInt());
        assertFalse(run.get("finished_at").isNull());
        assertEquals(RebuildFixture.TRIGGER.principal(), run.get("triggered_by").asText());
        JsonNode receipt = run.get("receipt");
        assertEquals("SUCCEEDED", receipt.get("outcome").asText());
        assertEquals(run.get("run_id").asText(), receipt.get("runId").asText());

        // inputs: catalog digest, item ids, asset checksums
        assertEquals(run.get("catalog_digest").asText(), receipt.at("/catalog/digest").asText());
        assertTrue(receipt.at("/catalog/digest").asText().length() > 16, receipt.at("/catalog").toString());
        List<String> items = new ArrayList<>();
        for (JsonNode item : receipt.at("/catalog/items")) {
            items.add(item.get("id").asText());
            JsonNode asset = item.at("/assets/0");
            Path file = Path.of(URI.create(asset.get("href").asText()));
            assertEquals(TestCatalogs.checksum(file), asset.get("checksum").asText(), item.toString());
            assertEquals(Files.size(file), asset.get("size").asLong());
        }
        assertEquals(List.of("kansas-counties", "kansas-landmarks", "kansas-rivers", "kansas-townships"),
                items.stream().sorted().toList());

        // migrations: versions and both checksums
        assertEquals("0050", receipt.at("/migrations/version").asText());
        List<String> versions = new ArrayList<>();
        for (JsonNode m : receipt.at("/migrations/applied")) {
            versions.add(m.get("version").asText());
            assertTrue(m.get("sha256").asText().startsWith("sha256:"), m.toString());
            assertTrue(m.get("flywayChecksum").isInt(), m.toString());
        }
        assertEquals(List.of("0010", "0020", "0030", "0040", "0050"), versions);

        // outputs: counts and digests, as loaded and as the live generation holds them
        assertEquals(TestCatalogs.SAMPLE_ROWS, receipt.at("/load/rows").asLong());
        Map<String, String> liveDigests = fx.liveSnapshot().digests();
        Map<String, String> loadDigests = new TreeMap<>();
        receipt.at("/load/datasets").forEach(d -> loadDigests.put(d.get("datasetVersionId").asText(),
                d.get("geometryDigest").asText()));
        assertEquals(liveDigests, loadDigests);
        Map<String, String> parityDigests = new TreeMap<>();
        receipt.at("/parity/datasetVersions").forEach(d -> parityDigests.put(d.get("datasetVersionId").asText(),
                d.get("sqlDigest").asText()));
        assertEquals(liveDigests, parityDigests);
        assertTrue(receipt.at("/parity/passed").asBoolean());
        assertEquals(TestCatalogs.SAMPLE_ROWS, receipt.at("/parity/totals/shadowRows").asLong());

        // timings of every phase, in order
        List<String> phases = new ArrayList<>();
        for (JsonNode p : receipt.get("phases")) {
            phases.add(p.get("phase").asText());
            assertTrue(p.get("durationMs").asLong() >= 0, p.toString());
        }
        assertEquals(List.of("LOCKED", "PREPARING", "MIGRATING", "LOADING", "INDEXING", "VALIDATING", "SWAPPING"),
                phases);

        // the same receipt beside the catalog
        Path file = dir.resolve("receipts").resolve(run.get("run_id").asText() + ".json");
        assertTrue(Files.isRegularFile(file), file + " missing");
        assertEquals(receipt, fx.readJson(Files.readString(file)));
    }

    @Test
    @Order(3)
    void theSameCatalogAgainIsSkipped() {
        RebuildFixture.Snapshot before = fx.liveSnapshot();

        RebuildResult r = fx.rebuild(catalog);

        assertEquals(RunOutcome.SKIPPED, r.outcome(), r.summary());
        assertTrue(r.summary().contains("already live as generation 1"), r.summary());
        assertEquals(null, r.generation());
        assertEquals(1L, fx.liveGeneration());
        assertEquals(before, fx.liveSnapshot());
        assertEquals("SKIPPED", fx.run(r.runId()).get("outcome").asText());
    }

    @Test
    @Order(4)
    void forceMakesANewGenerationAndKeepsThePreviousOne() {
        RebuildFixture.Snapshot before = fx.liveSnapshot();

        RebuildResult r = fx.rebuild(RebuildFixture.forced(catalog));

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals(2L, r.generation());
        assertEquals(2L, fx.liveGeneration());
        assertEquals(before, fx.liveSnapshot(), "same inputs, same rows");
        assertEquals(before, fx.snapshot(fx.previous()), "generation 1 kept as previous");
    }
}
