package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * Defects in an artifact's content end a real rebuild as bad input (exit 5) naming the artifact and the
 * position, never as {@code copy-failed} (exit 1): text {@code jsonb} cannot store (a NUL, an unpaired
 * surrogate escape) is found by the reader before anything is sent, and an artifact whose bytes changed
 * after promotion is reported as {@code checksum-mismatch} even when the damage stops the parser first.
 * Live untouched every time.
 */
class ContentDefectsFailAsBadInputIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_content").build();
        assertEquals(1L, fx.rebuild(TestCatalogs.copySample(dir.resolve("sample"))).generation());
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aNulInAPropertyIsUnstorableTextNamingItsPointer() {
        KfmException e = failsWith(promoted("nul", "\"name\": \"Konza Prairie\"", "\"name\": \"Konza\\u0000Prairie\""),
                "unstorable-text");
        assertTrue(e.getMessage().contains("landmarks.geojson at line 195, column 23 (feature 9, id \"konza-prairie\", "
                + "pointer /properties/name)"), e.getMessage());
    }

    @Test
    void anUnpairedSurrogateEscapeIsUnstorableTextToo() {
        KfmException e = failsWith(promoted("surrogate", "\"kind\": \"preserve\"", "\"kind\": \"\\ud800A\""),
                "unstorable-text");
        assertTrue(e.getMessage().contains("pointer /properties/kind"), e.getMessage());
    }

    @Test
    void corruptionThatStopsTheParserIsReportedAsAChecksumMismatch() throws IOException {
        Path d = dir.resolve("corrupt");
        Path catalog = TestCatalogs.copySample(d);
        Path data = d.resolve(TestCatalogs.LANDMARKS).resolveSibling("landmarks.geojson");
        String text = Files.readString(data);
        int comma = text.indexOf("\"id\": \"konza-prairie\",") + "\"id\": \"konza-prairie\"".length();
        Files.writeString(data, text.substring(0, comma) + ";" + text.substring(comma + 1)); // same size

        Snapshot before = fx.liveSnapshot();
        Long generation = fx.liveGeneration();
        KfmException e = fx.rebuildFails(RebuildFixture.forced(catalog));

        JsonNode run = fx.assertLiveUntouched(e, before, generation, ErrorCode.BAD_INPUT, "checksum-mismatch", true);
        assertTrue(e.getMessage().contains("expected file:checksum "), e.getMessage());
        assertTrue(e.getMessage().contains("reading it had already failed: "), e.getMessage());
        assertTrue(e.getMessage().contains(": malformed-json: "), e.getMessage());
        assertEquals("checksum-mismatch", run.at("/receipt/error/rule").asText());
    }

    private static KfmException failsWith(Path catalog, String rule) {
        Snapshot before = fx.liveSnapshot();
        Long generation = fx.liveGeneration();
        KfmException e = fx.rebuildFails(RebuildFixture.request(catalog));
        JsonNode run = fx.assertLiveUntouched(e, before, generation, ErrorCode.BAD_INPUT, rule, true);
        assertEquals(5, e.code().exitCode());
        assertFalse(run.get("receipt").has("parity"), "refused while loading");
        return e;
    }

    /** The sample with one edit to the landmarks artifact, promoted (checksum, size) as a new version. */
    private static Path promoted(String name, String from, String to) {
        Path d = dir.resolve(name);
        Path catalog = TestCatalogs.copySample(d);
        TestCatalogs.editAsset(d.resolve(TestCatalogs.LANDMARKS), "data", text -> text.replace(from, to));
        TestCatalogs.editProperties(d.resolve(TestCatalogs.LANDMARKS),
                p -> p.put("kfm:dataset_version_id", "kansas-landmarks-" + name));
        return catalog;
    }
}
