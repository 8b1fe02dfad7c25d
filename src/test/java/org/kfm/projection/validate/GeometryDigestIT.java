package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.EwkbWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The SQL digest equals the digest the loader computes in Java: geometries are written as EWKB by
 * the loader's {@link EwkbWriter}, stored through {@code ST_GeomFromEWKB} (as COPY would), and the
 * reference digest is taken over the Java bytes, not over what PostGIS gives back.
 */
class GeometryDigestIT {
    private static final List<String[]> ROWS = List.of(
            new String[] {"a", "POINT (-97.5 38.25)"},
            new String[] {"b-ü-東京", "POINT Z (-97.5 38.25 412.75)"},
            new String[] {"c\\x00 'quoted'", "LINESTRING (-101 37.5, -95 39.5, -94.6 40)"},
            new String[] {"d", "POLYGON ((-101 38, -100 38, -100 39, -101 39, -101 38), "
                    + "(-100.8 38.2, -100.2 38.2, -100.2 38.8, -100.8 38.2))"},
            new String[] {"e", "MULTIPOLYGON (((-96 37.5, -95 37.5, -95 38.5, -96 37.5)), "
                    + "((-94 37, -93 37, -93 38, -94 37)))"},
            new String[] {"f", "MULTILINESTRING Z ((0 0 1, 1 1 2), (2 2 3, 3 3 4))"},
            new String[] {"g", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))"},
            new String[] {"h", "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"},
            new String[] {"i", "POINT EMPTY"},
            new String[] {"j", "POLYGON EMPTY"});

    private static ParityFixture fx;

    @BeforeAll
    static void build() {
        fx = new ParityFixture();
    }

    @AfterAll
    static void drop() {
        fx.close();
    }

    @Test
    void sqlDigestEqualsTheJavaDigestOfTheLoadersEwkb() throws Exception {
        PgIdentifier s = fx.emptyGeneration("digest");
        fx.version(s, "dv", ROWS.size(), new double[] {-180, -90, 180, 90});
        ReferenceDigest reference = new ReferenceDigest();
        EwkbWriter writer = new EwkbWriter();
        List<String> ids = new ArrayList<>();
        List<byte[]> ewkb = new ArrayList<>();
        for (String[] row : ROWS) {
            ids.add(row[0]);
            ewkb.add(writer.write(geometry(row[1])));
            reference.add(row[0], ewkb.get(ewkb.size() - 1));
        }
        insert(s, "dv", ids, ewkb);

        ParityReport report = validate(s);
        DatasetVersionResult r = report.result("dv").orElseThrow();

        assertEquals(reference.digest(), r.sqlDigest());
        assertEquals(List.of(), report.findings(ParityRule.GEOMETRY_DIGEST));
        assertEquals(1, r.invalidCount(), "the bow-tie is invalid and still part of the digest");
        assertEquals(2, r.emptyCount(), "empty geometries are part of the digest too");
    }

    @Test
    void digestDoesNotDependOnRowOrderButOnEveryIdAndGeometry() throws Exception {
        String forward = digestOf(ROWS);
        List<String[]> reversed = new ArrayList<>(ROWS);
        Collections.reverse(reversed);
        assertEquals(forward, digestOf(reversed));
        List<String[]> renamed = new ArrayList<>(ROWS);
        renamed.set(0, new String[] {"a2", ROWS.get(0)[1]});
        assertNotEquals(forward, digestOf(renamed));
        List<String[]> moved = new ArrayList<>(ROWS);
        moved.set(0, new String[] {"a", "POINT (-97.5 38.250000001)"});
        assertNotEquals(forward, digestOf(moved));
    }

    private static String digestOf(List<String[]> rows) throws Exception {
        PgIdentifier s = fx.emptyGeneration("digest");
        fx.version(s, "dv", rows.size(), new double[] {-180, -90, 180, 90});
        EwkbWriter writer = new EwkbWriter();
        List<byte[]> ewkb = new ArrayList<>();
        for (String[] row : rows) {
            ewkb.add(writer.write(geometry(row[1])));
        }
        insert(s, "dv", rows.stream().map(r -> r[0]).toList(), ewkb);
        return validate(s).digests().get("dv");
    }

    private static ParityReport validate(PgIdentifier s) {
        return fx.validator().validate(s, Optional.empty(), fx.expectations(s), ParityPolicy.defaults(4326));
    }

    private static Geometry geometry(String wkt) throws ParseException {
        Geometry g = new WKTReader().read(wkt);
        g.setSRID(4326);
        return g;
    }

    private static void insert(PgIdentifier s, String dv, List<String> featureIds, List<byte[]> ewkb)
            throws SQLException {
        try (Connection c = fx.db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + s.quoted()
                + ".feature_geom (dataset_version_id, feature_id, geom, evidence_ref, updated_at) "
                + "VALUES (?, ?, ST_GeomFromEWKB(?), 'x', '2024-05-01T12:00:00Z')")) {
            for (int i = 0; i < featureIds.size(); i++) {
                ps.setString(1, dv);
                ps.setString(2, featureIds.get(i));
                ps.setBytes(3, ewkb.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
