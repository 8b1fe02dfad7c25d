package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kfm.projection.validate.DatasetVersionResult.Change;
import org.kfm.projection.validate.DatasetVersionResult.Status;
import org.kfm.projection.validate.GeometryIssue.Problem;

/** The text and JSON renderings of a hand-built report; the JSON field names are a contract. */
class ReportRenderingTest {
    private static final String D1 = "pghash:3:" + "0123456789abcdef";
    private static final String D2 = "pghash:2:" + "fedcba9876543210";

    private static final ParityReport REPORT = new ParityReport("kfm_index_shadow", Optional.of("kfm_index"),
            ParityPolicy.defaults(4326).withReaderRole("kfm_reader"),
            List.of(new DatasetVersionResult("a@1", Status.WARN, Change.UNCHANGED, OptionalLong.of(3),
                            OptionalLong.of(3), 3, Optional.of(D1), D1, Optional.empty(), Optional.of(D1), 0, 1, 0,
                            List.of(new GeometryIssue("f-2", Problem.INVALID, "Self-intersection[1 2]")), List.of(),
                            Optional.of(new Extent(-101, 37, -95, 40))),
                    new DatasetVersionResult("b@2", Status.FAIL, Change.ADDED, OptionalLong.of(3),
                            OptionalLong.empty(), 2, Optional.empty(), D2, Optional.empty(), Optional.empty(), 0, 0, 0,
                            List.of(), List.of(), Optional.empty())),
            List.of(new Finding(ParityRule.INVALID_GEOMETRY, Severity.WARN, "a@1", "0", "1", "1 invalid geometry"),
                    new Finding(ParityRule.ROW_COUNT, Severity.FAIL, "b@2", "3", "2", "2 rows, 3 declared"),
                    new Finding(ParityRule.READER_GRANT, Severity.FAIL, null, "USAGE on schema kfm_index_shadow",
                            "none", "grant it")),
            new ChangeSummary(List.of("b@2"), List.of(), List.of("c@1"), 1, Optional.of(new Extent(-100, 38, -99, 39))),
            5, OptionalLong.of(6), Duration.ofMillis(42));

    @Test
    void textPutsTheVerdictAndFailuresFirstThenOneRowPerDatasetVersion() {
        assertEquals("""
                parity FAILED for kfm_index_shadow (live kfm_index): 2 dataset versions, 5 rows (live 6); \
                2 failures, 1 warning
                FAIL reader-grant -: expected USAGE on schema kfm_index_shadow, actual none: grant it
                FAIL row-count b@2: expected 3, actual 2: 2 rows, 3 declared
                WARN invalid-geometry a@1: expected 0, actual 1: 1 invalid geometry
                    f-2: Self-intersection[1 2]

                dataset version  status  change     declared  read  rows  srid≠  invalid  empty  repaired  sql digest
                a@1              warn    unchanged  3         3     3     0      1        0      0         %s
                b@2              fail    added      3         -     2     0      0        0      0         %s
                changes: 1 added [b@2], 0 changed [], 1 removed [c@1], 1 unchanged; extent [-100.0, 38.0, -99.0, 39.0]
                """.formatted(D1, D2), REPORT.toText());
    }

    @Test
    void jsonCarriesTheDocumentedFieldsInOrder() throws Exception {
        JsonNode root = new ObjectMapper().readTree(REPORT.toJson());

        assertEquals(List.of("passed", "shadowSchema", "liveSchema", "policy", "totals", "changes", "datasetVersions",
                "findings", "elapsedMillis"), names(root));
        assertEquals(List.of("targetSrid", "invalidGeometry", "liveDigestChange", "bboxToleranceDegrees",
                "minShrinkFraction", "allowShrink", "readerRole"), names(root.get("policy")));
        assertEquals(List.of("datasetVersions", "shadowRows", "liveRows", "failures", "warnings", "infos"),
                names(root.get("totals")));
        assertEquals(List.of("added", "changed", "removed", "unchangedCount", "extent"), names(root.get("changes")));
        assertEquals(List.of("datasetVersionId", "status", "change", "declaredCount", "featuresRead", "rows",
                "loadDigest", "sqlDigest", "preRepairDigest", "liveDigest", "sridMismatches", "invalidCount",
                "emptyCount", "repairedCount", "extent", "geometryIssues", "repairs", "closedRingCount", "closedRings"),
                names(root.get("datasetVersions").get(0)));
        assertEquals(List.of("featureId", "problem", "reason"),
                names(root.get("datasetVersions").get(0).get("geometryIssues").get(0)));
        assertEquals(List.of("rule", "severity", "datasetVersionId", "expected", "actual", "message"),
                names(root.get("findings").get(0)));
    }

    @Test
    void jsonValues() throws Exception {
        JsonNode root = new ObjectMapper().readTree(REPORT.toJson());

        assertFalse(root.get("passed").asBoolean());
        assertEquals("report", root.get("policy").get("invalidGeometry").asText());
        assertEquals(6, root.get("totals").get("liveRows").asLong());
        assertEquals(2, root.get("totals").get("failures").asInt());
        JsonNode b = root.get("datasetVersions").get(1);
        assertTrue(b.get("featuresRead").isNull());
        assertTrue(b.get("extent").isNull());
        assertEquals("added", b.get("change").asText());
        assertEquals("[-101.0,37.0,-95.0,40.0]", root.get("datasetVersions").get(0).get("extent").toString());
        JsonNode first = root.get("findings").get(0);
        assertEquals("reader-grant", first.get("rule").asText());
        assertEquals("fail", first.get("severity").asText());
        assertTrue(first.get("datasetVersionId").isNull());
        assertEquals("[\"c@1\"]", root.get("changes").get("removed").toString());
        assertEquals(42, root.get("elapsedMillis").asLong());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
