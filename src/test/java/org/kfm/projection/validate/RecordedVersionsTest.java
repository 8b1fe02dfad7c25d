package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a recorded parity report can serve as a live baseline, and when live must be scanned instead. */
class RecordedVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsRowsDigestAndExtentOfEveryVersionStillPresent() throws Exception {
        List<RecordedVersion> v = RecordedVersions.fromReportJson(report(
                "pghash:6:1a77aac2c3200780", "unchanged")).orElseThrow();
        assertEquals(1, v.size());
        assertEquals("a-v1", v.get(0).datasetVersionId());
        assertEquals(6, v.get(0).rows());
        assertEquals("pghash:6:1a77aac2c3200780", v.get(0).digest());
        assertTrue(v.get(0).extent().isPresent());
    }

    @Test
    void removedVersionsAreNotPartOfTheGeneration() throws Exception {
        assertTrue(RecordedVersions.fromReportJson(report("pghash:6:" + "0".repeat(16), "removed")).orElseThrow()
                .isEmpty());
    }

    @Test
    void digestsOfAnOlderReleaseMeanScanLiveInstead() throws Exception {
        // generations validated before ADR 0006 recorded md5sum: digests, which no scan computes any more
        assertTrue(RecordedVersions.fromReportJson(report("md5sum:6:1a6d447be951fc121e953e79925ac5d8", "unchanged"))
                .isEmpty());
    }

    @Test
    void missingOrForeignReportsMeanScanLiveInstead() throws Exception {
        assertTrue(RecordedVersions.fromReportJson(null).isEmpty());
        assertTrue(RecordedVersions.fromReportJson(JSON.readTree("{\"passed\": true}")).isEmpty());
        assertTrue(RecordedVersions.fromReportJson(JSON.readTree(
                "{\"datasetVersions\": [{\"datasetVersionId\": \"a-v1\", \"change\": \"unchanged\"}]}")).isEmpty());
    }

    private static JsonNode report(String digest, String change) throws Exception {
        return JSON.readTree("""
                {"datasetVersions": [{"datasetVersionId": "a-v1", "change": "%s", "rows": 6,
                  "sqlDigest": "%s", "extent": [-101.9, 37.1, -94.7, 39.9]}]}
                """.formatted(change, digest));
    }
}
