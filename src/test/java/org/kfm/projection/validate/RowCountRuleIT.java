package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.validate.DatasetVersionResult.Status;

/** Rules 1 and 2: rows = declared = read per dataset version, catalog membership, load digest. */
class RowCountRuleIT {
    private static ParityFixture fx;
    private PgIdentifier shadow;
    private List<Expectation> expected;

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
        expected = fx.expectations(shadow);
    }

    private ParityReport validate(List<Expectation> expectations) {
        return fx.validator().validate(shadow, Optional.empty(), expectations, ParityPolicy.defaults(4326));
    }

    @Test
    void refusesWhenRowsDifferFromTheDeclaredCount() {
        fx.db.execute("DELETE FROM kfm_index_shadow.feature_geom WHERE feature_id = 'f-002' AND dataset_version_id = '"
                + ParityFixture.COUNTIES + "'");

        ParityReport report = validate(expected);

        assertFalse(report.passed());
        Finding rows = report.findings(ParityRule.ROW_COUNT).get(0);
        assertEquals(List.of(ParityRule.ROW_COUNT), report.findings(ParityRule.ROW_COUNT).stream()
                .map(Finding::rule).toList(), "only the rows differ; declared and read agree");
        assertEquals(ParityFixture.COUNTIES, rows.datasetVersionId());
        assertEquals(Severity.FAIL, rows.severity());
        assertEquals("3", rows.expected());
        assertEquals("2", rows.actual());
        assertTrue(rows.message().contains("feature_geom holds 2 rows of ks-counties@2024-05 but the catalog declares 3"
                + " (loader read 3)"), rows.message());
        Finding digest = report.findings(ParityRule.GEOMETRY_DIGEST).get(0);
        DatasetVersionResult counties = report.result(ParityFixture.COUNTIES).orElseThrow();
        assertEquals(counties.loadDigest().orElseThrow(), digest.expected());
        assertEquals(counties.sqlDigest(), digest.actual());
        assertTrue(digest.actual().startsWith("pghash:2:"), digest.actual());
        assertEquals(Status.FAIL, counties.status());
        assertEquals(Status.PASS, report.result(ParityFixture.WELLS).orElseThrow().status());
    }

    @Test
    void refusesWhenTheLoaderReadADifferentNumberThanDeclared() {
        List<Expectation> tampered = replace(ParityFixture.WELLS, e -> new Expectation(e.datasetVersionId(),
                e.declaredCount(), OptionalLong.of(5), e.loadDigest(), e.minX(), e.minY(), e.maxX(), e.maxY()));

        Finding f = validate(tampered).findings(ParityRule.ROW_COUNT).get(0);

        assertEquals(ParityFixture.WELLS, f.datasetVersionId());
        assertEquals("4", f.expected());
        assertEquals("5", f.actual());
        assertTrue(f.message().contains("the loader read 5 features"), f.message());
    }

    @Test
    void refusesWhenTheCatalogDeclaresAnotherCountThanTheShadowHolds() {
        List<Expectation> tampered = replace(ParityFixture.ROADS, e -> new Expectation(e.datasetVersionId(), 7,
                OptionalLong.empty(), Optional.empty(), e.minX(), e.minY(), e.maxX(), e.maxY()));

        List<Finding> findings = validate(tampered).findings(ParityRule.ROW_COUNT);

        assertEquals(2, findings.size(), findings.toString());
        for (Finding f : findings) {
            assertEquals(ParityFixture.ROADS, f.datasetVersionId());
            assertEquals("7", f.expected());
            assertEquals("2", f.actual());
        }
        assertTrue(findings.stream().anyMatch(f -> f.message().startsWith("dataset_version.declared_feature_count")));
    }

    @Test
    void reportsVersionsMissingFromTheShadowAndVersionsTheCatalogDoesNotList() {
        List<Expectation> catalog = new ArrayList<>(expected);
        catalog.removeIf(e -> e.datasetVersionId().equals(ParityFixture.ROADS));
        catalog.add(new Expectation("ks-parcels@1", 10, OptionalLong.of(10), Optional.empty(), -102, 37, -94.6, 40));

        ParityReport report = validate(catalog);

        Finding missing = report.findings(ParityRule.DATASET_VERSION_MISSING).get(0);
        assertEquals("ks-parcels@1", missing.datasetVersionId());
        assertEquals("1", missing.expected());
        assertEquals("0", missing.actual());
        Finding rows = report.findings(ParityRule.ROW_COUNT).get(0);
        assertEquals("ks-parcels@1", rows.datasetVersionId());
        assertEquals("10", rows.expected());
        assertEquals("0", rows.actual());
        Finding unexpected = report.findings(ParityRule.DATASET_VERSION_UNEXPECTED).get(0);
        assertEquals(ParityFixture.ROADS, unexpected.datasetVersionId());
        assertEquals("0", unexpected.expected());
        assertEquals("2", unexpected.actual());
        assertEquals(4, report.datasetVersions().size(), "catalog and shadow versions are all listed");
        assertTrue(report.result(ParityFixture.ROADS).orElseThrow().declaredCount().isEmpty());
    }

    @Test
    void refusesWhenTheSqlDigestDiffersFromTheLoadDigest() {
        fx.db.execute("UPDATE kfm_index_shadow.feature_geom SET geom = ST_SetSRID(ST_Point(-97.30001, 37.7), 4326) "
                + "WHERE feature_id = 'f-001' AND dataset_version_id = '" + ParityFixture.WELLS + "'");

        ParityReport report = validate(expected);

        assertEquals(List.of(), report.findings(ParityRule.ROW_COUNT));
        Finding f = report.findings(ParityRule.GEOMETRY_DIGEST).get(0);
        assertEquals(ParityFixture.WELLS, f.datasetVersionId());
        assertEquals(fx.expectation(shadow, ParityFixture.WELLS).loadDigest().orElseThrow(), f.actual(),
                "the actual digest is the one of the rows now in the table");
        assertEquals(expected.stream().filter(e -> e.datasetVersionId().equals(ParityFixture.WELLS)).findFirst()
                .orElseThrow().loadDigest().orElseThrow(), f.expected());
        assertTrue(f.expected().startsWith("pghash:4:") && f.actual().startsWith("pghash:4:"));
    }

    private List<Expectation> replace(String id, java.util.function.UnaryOperator<Expectation> change) {
        return expected.stream().map(e -> e.datasetVersionId().equals(id) ? change.apply(e) : e).toList();
    }
}
