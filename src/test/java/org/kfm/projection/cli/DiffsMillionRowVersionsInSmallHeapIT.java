package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code diff} streams: two 1,000,000-feature versions (made in SQL) that differ by 246,286
 * features are compared by the packaged application in a JVM capped at 256 MB of heap, with every
 * difference written to GeoJSON, and the heap after each collection stays small (read from the
 * child's GC log). The times are printed for docs/performance.md.
 */
class DiffsMillionRowVersionsInSmallHeapIT {
    private static final long ROWS = 1_000_000;
    private static final long MOVED_OR_RENAMED = countChanged();
    /** Heap left after a collection: the application's own objects, not the rows. */
    private static final long MAX_LIVE_HEAP_MB = 64;
    private static final Pattern HEAP_AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
    private static TestDatabase db;
    private static KfmProcess kfm;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        db = TestDatabase.create();
        kfm = new KfmProcess(db, "it_big", dir);
        KfmProcess.Result migrate = kfm.run(120, "migrate", "--schema", "it_big_a");
        assertEquals(0, migrate.exit(), migrate.toString());
        long start = System.nanoTime();
        db.execute(Files.readString(TestDatabase.repoRoot().resolve("src/test/resources/sql/diff/million-rows.sql"),
                StandardCharsets.UTF_8));
        System.out.printf("made 2 x %d rows in SQL in %.1f s%n", ROWS, (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void diffsTwoMillionRowVersionsWithA256MbHeap() throws IOException {
        Path geojson = dir.resolve("big.geojson");
        Path gcLog = dir.resolve("gc.log");
        KfmProcess child = new KfmProcess(db, "it_big", dir).jvm("-Xlog:gc:file=" + gcLog);

        long start = System.nanoTime();
        KfmProcess.Result r = child.run(600, "diff", "--from", "it_big_a", "--to", "it_big_b", "--limit", "3",
                "--geojson", geojson.toString(), "--format", "json");
        double withGeojson = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exit(), r.toString());

        JsonNode d = CliJsonOutputsMatchTheirSchemasIT.document("diff", r);
        JsonNode v = d.get("versions").get(0);
        assertEquals(ROWS, v.get("fromRows").asLong());
        assertEquals(ROWS, v.get("toRows").asLong());
        assertEquals(10_000, v.get("removed").asLong());
        assertEquals(10_000, v.get("added").asLong());
        assertEquals(MOVED_OR_RENAMED, v.get("changed").asLong());
        assertEquals(List.of("f0000001", "f0000002", "f0000003"), texts(v.get("removedIds")));
        assertEquals(List.of("f1000001", "f1000002", "f1000003"), texts(v.get("addedIds")));
        assertEquals(List.of("f0010003", "f0010010", "f0010017"), texts(v.get("changedIds")));
        long differing = 20_000 + MOVED_OR_RENAMED;
        assertEquals(differing, d.get("featuresWritten").asLong());
        assertEquals(differing, countFeatures(geojson), "the file holds every difference");

        long maxLive = maxHeapAfterGc(gcLog);
        assertTrue(maxLive <= MAX_LIVE_HEAP_MB, "heap after GC reached " + maxLive + " MB");

        start = System.nanoTime();
        KfmProcess.Result counts = kfm.run(600, "diff", "--from", "it_big_a", "--to", "it_big_b", "--format", "json");
        double countsOnly = (System.nanoTime() - start) / 1e9;
        assertEquals(0, counts.exit(), counts.toString());
        assertEquals(MOVED_OR_RENAMED, CliJsonOutputsMatchTheirSchemasIT.document("diff", counts).get("changed").asLong());

        System.out.printf("diff of 2 x %d rows (%d differing) at -Xmx256m: %.1f s with --geojson (%d MB written, "
                + "max heap after GC %d MB), %.1f s counts and ids only (process start included)%n", ROWS,
                differing, withGeojson, Files.size(geojson) >> 20, maxLive, countsOnly);
    }

    private static long countChanged() {
        long n = 0;
        for (long i = 10_001; i <= ROWS; i++) {
            n += i % 10 == 0 || i % 7 == 0 ? 1 : 0;
        }
        return n;
    }

    /** Counts the features of a FeatureCollection without holding it. */
    private static long countFeatures(Path geojson) throws IOException {
        long n = 0;
        try (JsonParser p = new JsonFactory().createParser(geojson.toFile())) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("features")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        n++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return n;
    }

    private static long maxHeapAfterGc(Path gcLog) throws IOException {
        long max = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = HEAP_AFTER_GC.matcher(line);
            if (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(2)));
                collections++;
            }
        }
        assertTrue(collections > 0, "no collection logged in " + gcLog);
        return max;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
