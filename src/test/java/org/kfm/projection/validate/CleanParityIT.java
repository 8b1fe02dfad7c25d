package org.kfm.projection.validate;

import org.kfm.projection.digest.DigestText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.validate.DatasetVersionResult.Change;
import org.kfm.projection.validate.DatasetVersionResult.Status;

class CleanParityIT {
    private static ParityFixture fx;
    private static PgIdentifier live;
    private static PgIdentifier shadow;

    @BeforeAll
    static void build() {
        fx = new ParityFixture();
        live = fx.standardGeneration("kfm_index");
        shadow = fx.standardGeneration("kfm_index_shadow");
    }

    @AfterAll
    static void drop() {
        fx.close();
    }

    @Test
    void aFaithfulShadowPassesWithoutFindings() {
        ParityReport report = fx.validator().validate(shadow, Optional.of(live), fx.expectations(shadow),
                ParityPolicy.defaults(4326));

        assertTrue(report.passed(), report.toText());
        assertEquals(List.of(), report.findings());
        assertEquals(9, report.shadowRows());
        assertEquals(9, report.liveRows().getAsLong());
        assertEquals(3, report.datasetVersions().size());
        for (DatasetVersionResult r : report.datasetVersions()) {
            assertEquals(Status.PASS, r.status());
            assertEquals(Change.UNCHANGED, r.change());
            assertEquals(r.loadDigest().orElseThrow(), r.sqlDigest());
            assertEquals(Optional.of(r.sqlDigest()), r.liveDigest());
            assertEquals(r.declaredCount().getAsLong(), r.rows());
        }
        assertTrue(report.changes().isEmpty());
        assertEquals(3, report.changes().unchangedCount());
    }

    @Test
    void reportsEachVersionsCountsDigestAndExtent() {
        ParityReport report = fx.validator().validate(shadow, Optional.empty(), fx.expectations(shadow),
                ParityPolicy.defaults(4326));

        DatasetVersionResult wells = report.result(ParityFixture.WELLS).orElseThrow();
        assertEquals(4, wells.rows());
        assertEquals(new Extent(-101.9, 37.7, -95.7, 39.9), wells.extent().orElseThrow());
        assertTrue(DigestText.isWellFormed(wells.sqlDigest()), wells.sqlDigest());
        assertEquals(4, DigestText.count(wells.sqlDigest()));
        assertEquals(Map.of(ParityFixture.COUNTIES, report.result(ParityFixture.COUNTIES).orElseThrow().sqlDigest(),
                ParityFixture.ROADS, report.result(ParityFixture.ROADS).orElseThrow().sqlDigest(),
                ParityFixture.WELLS, wells.sqlDigest()), report.digests());
    }

    @Test
    void withoutLiveEveryVersionIsAdded() {
        ParityReport report = fx.validator().validate(shadow, Optional.empty(), fx.expectations(shadow),
                ParityPolicy.defaults(4326));

        assertTrue(report.passed(), report.toText());
        assertEquals(List.of(ParityFixture.COUNTIES, ParityFixture.ROADS, ParityFixture.WELLS),
                report.changes().added());
        assertTrue(report.liveRows().isEmpty());
        assertEquals(new Extent(-101.9, 37, -95, 40), report.changes().extent().orElseThrow());
    }

    @Test
    void rendersARealReportAsTextAndJson() throws Exception {
        ParityReport report = fx.validator().validate(shadow, Optional.of(live), fx.expectations(shadow),
                ParityPolicy.defaults(4326));

        assertTrue(report.toText().startsWith("parity passed for kfm_index_shadow (live kfm_index): "
                + "3 dataset versions, 9 rows (live 9); 0 failures, 0 warnings\n"), report.toText());
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(3, json.get("changes").get("unchangedCount").asInt());
        JsonNode wells = json.get("datasetVersions").get(2);
        assertEquals(ParityFixture.WELLS, wells.get("datasetVersionId").asText());
        assertEquals(report.digests().get(ParityFixture.WELLS), wells.get("sqlDigest").asText());
        assertEquals("[-101.9,37.7,-95.7,39.9]", wells.get("extent").toString());
    }

    @Test
    void aMissingSchemaCannotBeValidated() {
        KfmException e = assertThrows(KfmException.class, () -> fx.validator().validate(
                PgIdentifier.of("kfm_index_nowhere"), Optional.of(live), fx.expectations(shadow),
                ParityPolicy.defaults(4326)));

        assertEquals("parity-schema-missing", e.rule());
        assertEquals(ErrorCode.FAILED, e.code());
        assertTrue(e.getMessage().contains("kfm_index_nowhere.dataset_version does not exist"), e.getMessage());
    }
}
