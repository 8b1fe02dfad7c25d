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
import org.kfm.projection.validate.DatasetVersionResult.Change;

/** Rules 3 and 6 and the change summary: the shadow against the live generation. */
class LiveComparisonIT {
    private static final String WELLS = ParityFixture.WELLS;
    private static ParityFixture fx;
    private PgIdentifier live;
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
    void identicalGenerations() {
        live = fx.standardGeneration("kfm_index");
        shadow = fx.standardGeneration("kfm_index_shadow");
    }

    private ParityReport validate(ParityPolicy policy) {
        return fx.validator().validate(shadow, Optional.of(live), fx.expectations(shadow), policy);
    }

    private void moveAWell() {
        fx.db.execute("UPDATE kfm_index_shadow.feature_geom SET geom = ST_SetSRID(ST_Point(-97.2, 37.6), 4326) "
                + "WHERE dataset_version_id = '" + WELLS + "' AND feature_id = 'f-001'");
    }

    @Test
    void refusesAVersionWhoseGeometriesChangedAgainstLive() {
        moveAWell();

        ParityReport report = validate(ParityPolicy.defaults(4326));

        assertFalse(report.passed());
        Finding f = report.findings(ParityRule.LIVE_DIGEST_CHANGED).get(0);
        DatasetVersionResult wells = report.result(WELLS).orElseThrow();
        assertEquals(Severity.FAIL, f.severity());
        assertEquals(WELLS, f.datasetVersionId());
        assertEquals(wells.liveDigest().orElseThrow(), f.expected());
        assertEquals(wells.sqlDigest(), f.actual());
        assertTrue(f.expected().startsWith("pghash:4:") && f.actual().startsWith("pghash:4:"));
        assertEquals(List.of(), report.findings(ParityRule.GEOMETRY_DIGEST), "the load itself was faithful");
        assertEquals(Change.CHANGED, wells.change());
        assertEquals(List.of(WELLS), report.changes().changed());
        assertEquals(2, report.changes().unchangedCount());
        // live's wells span [-101.9, 37.7, -95.7, 39.9]; the moved well adds (-97.2, 37.6)
        assertEquals(new Extent(-101.9, 37.6, -95.7, 39.9), report.changes().extent().orElseThrow());
    }

    @Test
    void comparesWithTheResultsRecordedForLiveWithoutScanningIt() {
        List<RecordedVersion> recorded = fx.validator().validate(live, Optional.empty(), fx.expectations(live),
                ParityPolicy.defaults(4326)).recordedVersions();
        moveAWell();
        fx.db.execute("ALTER TABLE kfm_index.feature_geom RENAME TO feature_geom_hidden");
        ParityReport report;
        try {
            report = fx.validator().validate(shadow, LiveBaseline.recorded(live, recorded), fx.expectations(shadow),
                    ParityPolicy.defaults(4326));
        } finally {
            fx.db.execute("ALTER TABLE kfm_index.feature_geom_hidden RENAME TO feature_geom");
        }

        Finding f = report.findings(ParityRule.LIVE_DIGEST_CHANGED).get(0);
        assertEquals(WELLS, f.datasetVersionId());
        assertEquals(recorded.stream().filter(v -> v.datasetVersionId().equals(WELLS)).findFirst().orElseThrow()
                .digest(), f.expected());
        assertEquals(report.result(WELLS).orElseThrow().sqlDigest(), f.actual());
        assertEquals(9, report.liveRows().getAsLong());
        assertEquals(Optional.of("kfm_index"), report.liveSchema());
        assertEquals(List.of(WELLS), report.changes().changed());
    }

    @Test
    void onlyWarnsAboutAChangedDigestUnderTheWarnPolicy() {
        moveAWell();

        ParityReport report = validate(ParityPolicy.defaults(4326).withLiveDigestPolicy(DigestChangePolicy.WARN));

        assertTrue(report.passed(), report.toText());
        assertEquals(Severity.WARN, report.findings(ParityRule.LIVE_DIGEST_CHANGED).get(0).severity());
    }

    @Test
    void listsAddedAndRemovedVersionsAndTheExtentOfTheChange() {
        fx.db.execute("DELETE FROM kfm_index_shadow.feature_geom WHERE dataset_version_id = '" + ParityFixture.ROADS
                + "'; DELETE FROM kfm_index_shadow.dataset_version WHERE dataset_version_id = '"
                + ParityFixture.ROADS + "'");
        fx.version(shadow, "ks-parcels@1", 2, ParityFixture.KANSAS);
        fx.features(shadow, "ks-parcels@1", "SRID=4326;POLYGON((-99 39,-98.5 39,-98.5 39.5,-99 39))",
                "SRID=4326;POINT(-94.7 39.1)");

        ParityReport report = validate(ParityPolicy.defaults(4326));

        assertTrue(report.passed(), report.toText());
        assertEquals(List.of("ks-parcels@1"), report.changes().added());
        assertEquals(List.of(ParityFixture.ROADS), report.changes().removed());
        assertEquals(List.of(), report.changes().changed());
        assertEquals(2, report.changes().unchangedCount());
        // roads (removed) span [-101, 37, -95, 40]; parcels (added) [-99, 39, -94.7, 39.5]
        assertEquals(new Extent(-101, 37, -94.7, 40), report.changes().extent().orElseThrow());
        assertEquals(Change.ADDED, report.result("ks-parcels@1").orElseThrow().change());
    }

    @Test
    void refusesAShadowThatShrankBeyondTheGuard() {
        dropWellsFromShadow();

        ParityReport report = validate(ParityPolicy.defaults(4326));

        assertFalse(report.passed());
        Finding f = report.findings(ParityRule.SHRINK).get(0);
        assertEquals(Severity.FAIL, f.severity());
        assertEquals(null, f.datasetVersionId());
        assertEquals("9", f.expected(), "ceil(0.9 x 9 live rows)");
        assertEquals("5", f.actual());
        assertTrue(f.message().contains("the shadow holds 5 rows, fewer than 0.9 × the 9 rows of live"), f.message());
        assertEquals(List.of(WELLS), report.changes().removed());
    }

    @Test
    void allowsAShrinkWhenConfiguredAndAShrinkWithinTheGuard() {
        dropWellsFromShadow();

        ParityReport allowed = validate(ParityPolicy.defaults(4326).withShrinkGuard(0.9, true));
        assertTrue(allowed.passed(), allowed.toText());
        assertEquals(Severity.WARN, allowed.findings(ParityRule.SHRINK).get(0).severity());

        ParityReport withinGuard = validate(ParityPolicy.defaults(4326).withShrinkGuard(0.5, false));
        assertTrue(withinGuard.passed(), withinGuard.toText());
        assertEquals(List.of(), withinGuard.findings(ParityRule.SHRINK));
    }

    private void dropWellsFromShadow() {
        fx.db.execute("DELETE FROM kfm_index_shadow.feature_geom WHERE dataset_version_id = '" + WELLS
                + "'; DELETE FROM kfm_index_shadow.dataset_version WHERE dataset_version_id = '" + WELLS + "'");
    }
}
