package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;

/**
 * The shadow's scan started ahead of the validation (the rebuild starts it with the index builds):
 * it gives the report a scan inside the validation's transaction gives, runs while an index build
 * holds its lock on the table, and its failures and cancellation reach the validation.
 */
class ShadowScanAheadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ParityFixture fx;
    private static PgIdentifier live;
    private static PgIdentifier shadow;

    @BeforeAll
    static void build() {
        fx = new ParityFixture();
        live = fx.standardGeneration("kfm_scan");
        shadow = fx.standardGeneration("kfm_scan_shadow");
    }

    @AfterAll
    static void drop() {
        fx.close();
    }

    private static String withoutElapsed(ParityReport report) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(report.toJson());
        json.remove("elapsedMillis");
        return json.toString();
    }

    @Test
    void givesTheReportOfAScanInsideTheValidationEvenWithRepairs() throws Exception {
        fx.features(shadow, ParityFixture.COUNTIES, "SRID=4326;POLYGON((-100 37,-99 38,-99 37,-100 38,-100 37))");
        fx.features(shadow, ParityFixture.WELLS, "SRID=4326;POINT EMPTY");
        try {
            ParityPolicy repair = new ParityPolicy(4326, InvalidGeometryPolicy.REPAIR, DigestChangePolicy.FAIL, 1e-6,
                    0.9, false, Optional.empty());
            ParityReport ahead;
            try (ShadowScan scan = fx.validator().startShadowScan(shadow, 4326, 2)) {
                ahead = fx.validator().validate(scan, Optional.of(LiveBaseline.scan(live)), fx.expectations(shadow),
                        repair);
            }
            assertEquals(1, ahead.result(ParityFixture.COUNTIES).orElseThrow().repairs().size(), ahead.toText());
            assertTrue(ahead.result(ParityFixture.COUNTIES).orElseThrow().preRepairDigest().isPresent());
            assertEquals(1, ahead.result(ParityFixture.WELLS).orElseThrow().emptyCount());
            // the repair committed; put the rows back as loaded for the validation that scans inside
            fx.db.execute("UPDATE kfm_scan_shadow.feature_geom SET geom = ST_GeomFromEWKT("
                    + "'SRID=4326;POLYGON((-100 37,-99 38,-99 37,-100 38,-100 37))') WHERE feature_id = 'f-004' "
                    + "AND dataset_version_id = '" + ParityFixture.COUNTIES + "'");

            ParityReport inside = fx.validator().validate(shadow, Optional.of(live), fx.expectations(shadow), repair);
            assertEquals(withoutElapsed(inside), withoutElapsed(ahead));
        } finally {
            shadow = fx.standardGeneration("kfm_scan_shadow");
        }
    }

    @Test
    void runsWhileAnIndexBuildHoldsItsLockOnTheTable() throws Exception {
        try (Connection builder = fx.db.connect(); Statement s = builder.createStatement()) {
            builder.setAutoCommit(false);
            s.execute("LOCK TABLE kfm_scan_shadow.feature_geom IN SHARE MODE"); // what CREATE INDEX takes
            ParityReport report = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (ShadowScan scan = fx.validator().startShadowScan(shadow, 4326, 2)) {
                    return fx.validator().validate(scan, Optional.empty(), fx.expectations(shadow),
                            ParityPolicy.defaults(4326));
                }
            });
            builder.rollback();
            assertTrue(report.passed(), report.toText());
            assertEquals(9, report.shadowRows());
        }
    }

    @Test
    void aMissingSchemaFailsTheValidationThatUsesTheScan() {
        PgIdentifier nowhere = PgIdentifier.of("kfm_scan_nowhere");
        KfmException e;
        try (ShadowScan scan = fx.validator().startShadowScan(nowhere, 4326, 0)) {
            e = assertThrows(KfmException.class, () -> fx.validator().validate(scan, Optional.empty(),
                    fx.expectations(shadow), ParityPolicy.defaults(4326)));
        }
        assertEquals("parity-schema-missing", e.rule());
        assertTrue(e.getMessage().contains("kfm_scan_nowhere.feature_geom does not exist")
                || e.getMessage().contains("kfm_scan_nowhere.dataset_version does not exist"), e.getMessage());
    }

    @Test
    void closingCancelsAScanThatIsStillRunning() throws Exception {
        try (Connection blocker = fx.db.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE kfm_scan_shadow.feature_geom IN ACCESS EXCLUSIVE MODE");
            ShadowScan scan = fx.validator().startShadowScan(shadow, 4326, 0);
            assertTimeoutPreemptively(Duration.ofSeconds(30), scan::close);
            blocker.rollback();
            KfmException e = assertThrows(KfmException.class, () -> fx.validator().validate(scan, Optional.empty(),
                    fx.expectations(shadow), ParityPolicy.defaults(4326)));
            assertEquals("parity-query-failed", e.rule());
            assertTrue(e.getMessage().contains("57014"), e.getMessage());
        }
    }

    @Test
    void refusesAScanStartedForAnotherSrid() {
        try (ShadowScan scan = fx.validator().startShadowScan(shadow, 3857, 0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fx.validator()
                    .validate(scan, Optional.empty(), fx.expectations(shadow), ParityPolicy.defaults(4326)));
            assertFalse(e.getMessage().isEmpty());
        }
    }
}
