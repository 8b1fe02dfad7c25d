package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.NotifyListener;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A generated catalog of 20,000 features in four datasets rebuilds into generation 1, 5,000 rows per
 * dataset version with the digests the loader computed; a catalog generated with another seed (every
 * dataset version new) swaps in, keeps generation 1 as previous and notifies four added, four removed.
 */
class FullRebuildFromGeneratedCatalogIT {
    private static final int FEATURES = 20_000;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_generated").build();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void generatedCatalogsRebuildAndSwapWithTheirDigests() throws Exception {
        Path first = TestCatalogs.generate(dir.resolve("seed7"), FEATURES, 7, 4);

        RebuildResult r1 = fx.rebuild(first);

        assertEquals(RunOutcome.SUCCEEDED, r1.outcome(), r1.summary());
        assertEquals(1L, r1.generation());
        Snapshot generation1 = fx.liveSnapshot();
        assertEquals(Map.of("synthetic-1-s7", 5000L, "synthetic-2-s7", 5000L, "synthetic-3-s7", 5000L,
                "synthetic-4-s7", 5000L), generation1.rowsPerVersion());
        assertEquals(loadDigests(r1.receipt()), generation1.digests());
        assertEquals(FEATURES, r1.receipt().at("/load/rows").asLong());
        assertTrue(Files.isRegularFile(dir.resolve("seed7/receipts/" + r1.runId() + ".json")));

        Path second = TestCatalogs.generate(dir.resolve("seed8"), FEATURES, 8, 4);
        RebuildResult r2;
        JsonNode payload;
        try (NotifyListener listener = new NotifyListener(db, "kfm_projection")) {
            r2 = fx.rebuild(second);
            List<String> got = listener.receiveSettled(Duration.ofSeconds(5), Duration.ofMillis(300));
            assertEquals(1, got.size(), got.toString());
            payload = fx.readJson(got.get(0));
        }

        assertEquals(2L, r2.generation(), r2.summary());
        assertEquals(generation1, fx.snapshot(fx.previous()));
        assertEquals(loadDigests(r2.receipt()), fx.liveSnapshot().digests());
        assertEquals(List.of("synthetic-1-s8", "synthetic-2-s8", "synthetic-3-s8", "synthetic-4-s8"),
                strings(payload.get("added")));
        assertEquals(List.of("synthetic-1-s7", "synthetic-2-s7", "synthetic-3-s7", "synthetic-4-s7"),
                strings(payload.get("removed")));
        assertEquals(List.of(), strings(payload.get("changed")));
    }

    private static Map<String, String> loadDigests(JsonNode receipt) {
        Map<String, String> out = new TreeMap<>();
        receipt.at("/load/datasets").forEach(d -> out.put(d.get("datasetVersionId").asText(),
                d.get("geometryDigest").asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
