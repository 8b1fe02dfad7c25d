package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;

/** Rule 5: every dataset version's extent within its catalog bbox, antimeridian and projected targets included. */
class ExtentRuleIT {
    private static final String FIJI = "fj-islands@1";
    private static final double[] ACROSS_ANTIMERIDIAN = {176, -20, -178, -15};
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

    private ParityReport validate(ParityPolicy policy) {
        return fx.validator().validate(shadow, Optional.empty(), fx.expectations(shadow), policy);
    }

    private void moveWell(String point) {
        fx.db.execute("UPDATE kfm_index_shadow.feature_geom SET geom = ST_GeomFromEWKT('" + point + "') "
                + "WHERE dataset_version_id = '" + ParityFixture.WELLS + "' AND feature_id = 'f-004'");
    }

    @Test
    void refusesAnExtentOutsideTheCatalogBbox() {
        moveWell("SRID=4326;POINT(-103.5 40.5)");

        ParityReport report = validate(ParityPolicy.defaults(4326));

        assertFalse(report.passed());
        Finding f = report.findings(ParityRule.EXTENT).get(0);
        assertEquals(ParityFixture.WELLS, f.datasetVersionId());
        assertEquals("[-102.06, 36.99, -94.58, 40.01] ± 0.000001", f.expected());
        assertEquals("[-103.5, 37.7, -95.7, 40.5]", f.actual());
        assertTrue(f.message().contains("west by 1.44°, north by 0.49°"), f.message());
    }

    @Test
    void toleratesAnExcessWithinTheTolerance() {
        moveWell("SRID=4326;POINT(-102.0600005 40)");

        assertTrue(validate(ParityPolicy.defaults(4326)).passed());
        ParityPolicy exact = new ParityPolicy(4326, InvalidGeometryPolicy.REPORT, DigestChangePolicy.FAIL, 0, 0.9,
                false, Optional.empty());
        Finding f = validate(exact).findings(ParityRule.EXTENT).get(0);
        assertTrue(f.message().contains("west by 0.0000005°"), f.message());
    }

    @Test
    void acceptsBothSidesOfABboxCrossingTheAntimeridian() {
        addFiji("SRID=4326;POINT(177 -17)", "SRID=4326;POINT(-179 -16)",
                "SRID=4326;MULTIPOLYGON(((179 -18,180 -18,180 -17,179 -18)),((-180 -18,-179.5 -18,-180 -17,-180 -18)))");

        ParityReport report = validate(ParityPolicy.defaults(4326));

        assertTrue(report.passed(), report.toText());
        assertEquals(new Extent(177, -18, -179, -16), report.result(FIJI).orElseThrow().extent().orElseThrow());
    }

    @Test
    void refusesGeometriesInTheGapOfABboxCrossingTheAntimeridian() {
        addFiji("SRID=4326;POINT(177 -17)", "SRID=4326;POINT(-179 -16)", "SRID=4326;POINT(0 -17)");

        Finding f = validate(ParityPolicy.defaults(4326)).findings(ParityRule.EXTENT).get(0);

        assertEquals(FIJI, f.datasetVersionId());
        assertEquals("[176.0, -20.0, -178.0, -15.0] ± 0.000001", f.expected());
        assertEquals("[-179.0, -17.0, 177.0, -16.0]", f.actual());
        assertTrue(f.message().contains("1 geometry with parts in neither [176.0, 180] nor [-180, -178.0]"),
                f.message());
    }

    @Test
    void comparesAProjectedTargetInWgs84() {
        fx.db.execute("UPDATE kfm_index_shadow.feature_geom SET geom = ST_Transform(geom, 3857)");

        ParityReport report = validate(ParityPolicy.defaults(3857));

        assertTrue(report.passed(), report.toText());
        Extent wells = report.result(ParityFixture.WELLS).orElseThrow().extent().orElseThrow();
        assertEquals(-101.9, wells.minX(), 1e-9);
        assertEquals(39.9, wells.maxY(), 1e-9);
        moveWell("SRID=3857;POINT(-11500000 4900000)");
        assertEquals(List.of(ParityFixture.WELLS), validate(ParityPolicy.defaults(3857)).findings(ParityRule.EXTENT)
                .stream().map(Finding::datasetVersionId).toList());
    }

    private void addFiji(String... ewkt) {
        fx.version(shadow, FIJI, ewkt.length, ACROSS_ANTIMERIDIAN);
        fx.features(shadow, FIJI, ewkt);
    }
}
