package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.NotifyListener;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.validate.DigestChangePolicy;

/**
 * A rebuild from a changed catalog swaps the new generation in and keeps the old one as previous;
 * the NOTIFY says what was added, changed and removed; rollback brings the old generation back as it
 * was; prune drops the previous generation, after which there is nothing to roll back to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangedCatalogSwapsRollsBackAndPrunesIT {
    private static final String OLD_LANDMARKS = "kansas-landmarks-20250314";
    private static final String NEW_LANDMARKS = "kansas-landmarks-20250901";
    private static final String RIVERS = "kansas-rivers-20250401";
    private static final Duration NOTIFY_WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static NotifyListener listener;
    private static Snapshot generation1;
    private static Snapshot generation2;
    private static Snapshot generation3;

    @TempDir
    static Path dir;

    @BeforeAll
    static void firstGeneration() {
        fx = RebuildFixture.builder(db, "it_changed").build();
        assertEquals(1L, fx.rebuild(TestCatalogs.copySample(dir.resolve("a"))).generation());
        generation1 = fx.liveSnapshot();
        listener = new NotifyListener(db, "kfm_projection");
    }

    @AfterAll
    static void tearDown() {
        listener.close();
        fx.close();
    }

    /** The sample with one landmark moved, promoted as a new version of the landmarks dataset. */
    private static Path newLandmarksVersion(Path d) {
        Path catalog = TestCatalogs.copySample(d);
        Path item = d.resolve(TestCatalogs.LANDMARKS);
        TestCatalogs.editAsset(item, "data", s -> s.replace("-100.7631", "-100.7641"));
        TestCatalogs.editProperties(item, p -> p.put("kfm:dataset_version_id", NEW_LANDMARKS));
        return catalog;
    }

    @Test
    @Order(1)
    void aChangedCatalogSwapsInAndKeepsThePreviousGeneration() throws Exception {
        Path catalog = newLandmarksVersion(dir.resolve("b"));

        RebuildResult r = fx.rebuild(catalog);

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals(2L, r.generation());
        generation2 = fx.liveSnapshot();
        assertEquals(generation1, fx.snapshot(fx.previous()), "generation 1 kept as previous, unchanged");
        assertEquals(Map.of("kansas-counties-20250520", 6L, NEW_LANDMARKS, 12L, RIVERS, 8L,
                "kansas-townships-20250602", 7L), generation2.rowsPerVersion());
        assertEquals("POINT(-100.7641 38.7928)", fx.one("SELECT ST_AsText(geom) FROM it_changed.feature_geom"
                + " WHERE feature_id = 'gnis-471443'"));
        JsonNode payload = fx.readJson(single(listener.receiveSettled(NOTIFY_WAIT, Duration.ofMillis(300))));
        assertEquals("swap", payload.get("event").asText());
        assertEquals(2, payload.get("generation").asInt());
        assertEquals(1, payload.get("previousGeneration").asInt());
        assertEquals(r.runId().toString(), payload.get("runId").asText());
        assertEquals(fx.run(r.runId()).get("catalog_digest").asText(), payload.get("catalogDigest").asText());
        assertEquals(List.of(NEW_LANDMARKS), strings(payload.get("added")));
        assertEquals(List.of(), strings(payload.get("changed")));
        assertEquals(List.of(OLD_LANDMARKS), strings(payload.get("removed")));
        assertTrue(payload.get("changedExtent").isArray(), payload.toString());
    }

    @Test
    @Order(2)
    void aDatasetVersionChangedInPlaceIsListedAsChangedWhenThePolicyOnlyWarns() throws Exception {
        Path catalog = newLandmarksVersion(dir.resolve("c"));
        TestCatalogs.editAsset(dir.resolve("c").resolve(TestCatalogs.RIVERS), "data",
                s -> s.replace("[-101.35,37.98]", "[-101.35,37.99]"));

        RebuildResult r;
        try (RebuildFixture warn = RebuildFixture.builder(db, "it_changed").liveDigest(DigestChangePolicy.WARN)
                .build()) {
            r = warn.rebuild(catalog);
        }

        assertEquals(3L, r.generation(), r.summary());
        generation3 = fx.liveSnapshot();
        assertEquals(generation2, fx.snapshot(fx.previous()));
        assertNotEquals(generation2.digests().get(RIVERS), generation3.digests().get(RIVERS));
        assertFalse(fx.exists(PgIdentifier.of("it_changed_retired_1")),
                "generation 1 was retired and dropped after the swap");
        JsonNode payload = fx.readJson(single(listener.receiveSettled(NOTIFY_WAIT, Duration.ofMillis(300))));
        assertEquals(List.of(), strings(payload.get("added")));
        assertEquals(List.of(RIVERS), strings(payload.get("changed")));
        assertEquals(List.of(), strings(payload.get("removed")));
    }

    @Test
    @Order(3)
    void rollbackBringsThePreviousGenerationBackAsItWas() throws Exception {
        RunResults.Rollback r = fx.operations().rollback(RebuildFixture.TRIGGER).value();

        assertEquals(2L, r.generation().getAsLong());
        assertEquals(generation2, fx.liveSnapshot());
        assertEquals(generation3, fx.snapshot(fx.previous()));
        assertEquals(2L, fx.liveGeneration());
        assertEquals("3", fx.one("SELECT generation FROM kfm_ops.generation WHERE projection = 'it_changed'"
                + " AND status = 'previous'"));
        assertEquals("SUCCEEDED", fx.lastRun("rollback").get("outcome").asText());
        JsonNode payload = fx.readJson(single(listener.receiveSettled(NOTIFY_WAIT, Duration.ofMillis(300))));
        assertEquals("rollback", payload.get("event").asText());
        assertEquals(2, payload.get("generation").asInt());
    }

    @Test
    @Order(4)
    void pruneDropsThePreviousGenerationAndRollbackThenHasNothingToGoBackTo() {
        RunResults.Prune pruned = fx.operations().prune(RebuildFixture.TRIGGER).value();

        assertTrue(pruned.complete(), pruned.toString());
        assertTrue(pruned.dropped().contains("it_changed_prev"), pruned.toString());
        assertFalse(fx.exists(fx.previous()));
        assertEquals(null, fx.one("SELECT generation FROM kfm_ops.generation WHERE projection = 'it_changed'"
                + " AND status = 'previous'"));

        KfmException e = assertThrows(KfmException.class, () -> fx.operations().rollback(RebuildFixture.TRIGGER));

        assertEquals("no-previous-generation", e.rule(), e.getMessage());
        assertEquals(ErrorCode.BAD_USAGE, e.code());
        assertEquals(generation2, fx.liveSnapshot(), "live untouched");
        assertEquals(2L, fx.liveGeneration());
        JsonNode run = fx.lastRun("rollback");
        assertEquals("FAILED", run.get("outcome").asText());
        assertEquals("no-previous-generation", run.get("error_rule").asText());
        assertEquals(List.of(), listener.receive(Duration.ofMillis(300)), "a failed rollback notifies nobody");
    }

    private static String single(List<String> payloads) {
        assertEquals(1, payloads.size(), payloads.toString());
        return payloads.get(0);
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), String.valueOf(array));
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
