package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.validate.GeometryIssue.Problem;

/** Rule 4: SRID, invalid and empty geometries, held to the report / reject / repair policies. */
class GeometryPolicyIT {
    private static final String COUNTIES = ParityFixture.COUNTIES;
    private static final String BOW_TIE = "SRID=4326;POLYGON((-100 37.5,-99 38.5,-99 37.5,-100 38.5,-100 37.5))";
    private static final String COLLAPSED = "SRID=4326;POLYGON((-97 38,-96.5 38,-96.5 38,-97 38))";
    private static ParityFixture fx;
    private PgIdentifier shadow;

    @BeforeAll
    static void database() {
        fx = new ParityFixture();
    }

    @AfterAll
    static void drop() {
        fx.close();
    }

    @BeforeEach
    void faithfulShadow() {
        shadow = fx.standardGeneration("kfm_index_shadow");
    }

    private ParityReport validate(InvalidGeometryPolicy policy) {
        return fx.validator().validate(shadow, Optional.empty(), fx.expectations(shadow),
                ParityPolicy.defaults(4326).withInvalidPolicy(policy));
    }

    /** Counties as published upstream: the three valid ones plus a bow-tie (f-004) and a collapsed ring (f-005). */
    private void publishInvalidCounties() {
        fx.emptyGeneration("kfm_index_shadow");
        fx.version(shadow, COUNTIES, 5, ParityFixture.KANSAS);
        fx.features(shadow, COUNTIES, "SRID=4326;POLYGON((-101 38,-100 38,-100 39,-101 39,-101 38))",
                "SRID=4326;POLYGON((-99 38,-98 38,-98 39,-99 39,-99 38))",
                "SRID=4326;POLYGON((-96 37.5,-95 37.5,-95 38.5,-96 37.5))", BOW_TIE, COLLAPSED);
    }

    @Test
    void refusesGeometriesWithAnotherSrid() {
        fx.db.execute("UPDATE kfm_index_shadow.feature_geom SET geom = ST_Transform(geom, 3857) "
                + "WHERE dataset_version_id = '" + ParityFixture.WELLS + "' AND feature_id IN ('f-002', 'f-003')");

        ParityReport report = validate(InvalidGeometryPolicy.REPORT);

        assertFalse(report.passed());
        Finding f = report.findings(ParityRule.SRID).get(0);
        assertEquals(ParityFixture.WELLS, f.datasetVersionId());
        assertEquals("0", f.expected());
        assertEquals("2", f.actual());
        assertTrue(f.message().contains("2 of 4 geometries of ks-wells@7 have SRID 3857, not the target SRID 4326"),
                f.message());
        DatasetVersionResult wells = report.result(ParityFixture.WELLS).orElseThrow();
        assertEquals(2, wells.sridMismatches());
        assertEquals(new Extent(-101.9, 37.7, -97.3, 39.9), wells.extent().orElseThrow(),
                "the extent is taken over the geometries with the target SRID only");
    }

    @Test
    void reportKeepsInvalidGeometriesAsPublishedAndListsThem() {
        publishInvalidCounties();

        ParityReport report = validate(InvalidGeometryPolicy.REPORT);

        assertTrue(report.passed(), report.toText());
        Finding f = report.findings(ParityRule.INVALID_GEOMETRY).get(0);
        assertEquals(Severity.WARN, f.severity());
        assertEquals(COUNTIES, f.datasetVersionId());
        assertEquals("0", f.expected());
        assertEquals("2", f.actual());
        DatasetVersionResult counties = report.result(COUNTIES).orElseThrow();
        assertEquals(2, counties.invalidCount());
        assertEquals(List.of("f-004", "f-005"), counties.geometryIssues().stream().map(GeometryIssue::featureId).toList());
        assertTrue(counties.geometryIssues().get(0).reason().startsWith("Self-intersection"),
                counties.geometryIssues().toString());
        assertEquals(Problem.INVALID, counties.geometryIssues().get(1).problem());
        assertEquals(List.of(), counties.repairs());
        assertEquals("2", fx.strings("SELECT count(*) FROM kfm_index_shadow.feature_geom WHERE NOT ST_IsValid(geom)")
                .get(0), "kept exactly as published");
    }

    @Test
    void rejectFailsOnInvalidGeometries() {
        publishInvalidCounties();

        ParityReport report = validate(InvalidGeometryPolicy.REJECT);

        assertFalse(report.passed());
        Finding f = report.findings(ParityRule.INVALID_GEOMETRY).get(0);
        assertEquals(Severity.FAIL, f.severity());
        assertEquals(COUNTIES, f.datasetVersionId());
        assertEquals("0", f.expected());
        assertEquals("2", f.actual());
        assertTrue(f.message().contains("f-004 (Self-intersection"), f.message());
    }

    @Test
    void repairMakesThemValidListsEachRepairAndUsesTheDigestAfterRepair() throws Exception {
        publishInvalidCounties();
        Expectation loaded = fx.expectation(shadow, COUNTIES);

        ParityReport report = validate(InvalidGeometryPolicy.REPAIR);

        assertTrue(report.passed(), report.toText());
        Finding f = report.findings(ParityRule.INVALID_GEOMETRY).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals("2", f.actual());
        DatasetVersionResult counties = report.result(COUNTIES).orElseThrow();
        assertEquals(List.of(new GeometryRepair("f-004", "Self-intersection[-99.5 38]", "POLYGON", "MULTIPOLYGON"),
                new GeometryRepair("f-005", "Too few points in geometry component[-97 38]", "POLYGON", "LINESTRING")),
                counties.repairs());
        assertEquals(List.of(), report.findings(ParityRule.GEOMETRY_DIGEST), "load digest = digest as loaded");
        assertEquals(loaded.loadDigest(), counties.preRepairDigest());
        assertNotEquals(counties.preRepairDigest().orElseThrow(), counties.sqlDigest());
        try (Connection c = fx.db.connect()) {
            assertEquals(fx.digest(c, shadow, COUNTIES).digest(), counties.sqlDigest(), "digest of the repaired rows");
        }
        assertEquals(counties.sqlDigest(), report.digests().get(COUNTIES));
        assertEquals(List.of("0", "5"), fx.strings("SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom))::text "
                + "FROM kfm_index_shadow.feature_geom UNION ALL SELECT count(*) FILTER (WHERE ST_SRID(geom) = 4326)::text "
                + "FROM kfm_index_shadow.feature_geom"));

        ParityReport again = validate(InvalidGeometryPolicy.REPAIR);
        assertEquals(List.of(), again.result(COUNTIES).orElseThrow().repairs());
        assertEquals(counties.sqlDigest(), again.result(COUNTIES).orElseThrow().sqlDigest());
    }

    @Test
    void warnsAboutEmptyGeometriesAndRejectsThemUnderReject() {
        fx.db.execute("UPDATE kfm_index_shadow.feature_geom SET geom = 'SRID=4326;POINT EMPTY'::geometry "
                + "WHERE dataset_version_id = '" + ParityFixture.WELLS + "' AND feature_id = 'f-003'");

        ParityReport reported = validate(InvalidGeometryPolicy.REPORT);
        Finding f = reported.findings(ParityRule.EMPTY_GEOMETRY).get(0);
        assertTrue(reported.passed(), reported.toText());
        assertEquals(Severity.WARN, f.severity());
        assertEquals(ParityFixture.WELLS, f.datasetVersionId());
        assertEquals("0", f.expected());
        assertEquals("1", f.actual());
        assertEquals(List.of(new GeometryIssue("f-003", Problem.EMPTY, "empty POINT")),
                reported.result(ParityFixture.WELLS).orElseThrow().geometryIssues());

        ParityReport rejected = validate(InvalidGeometryPolicy.REJECT);
        assertFalse(rejected.passed());
        assertEquals(Severity.FAIL, rejected.findings(ParityRule.EMPTY_GEOMETRY).get(0).severity());
    }
}
