package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.BadInputException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class GeometryTransformerTest {
    private final GeometryFactory jts = new GeometryFactory();

    /** Expected values from GDAL 3.6 / PROJ: gdaltransform -s_srs EPSG:26914 -t_srs OGC:CRS84. */
    @Test
    void transformsUtmZone14nToWgs84() {
        GeometryTransformer t = GeometryTransformer.create(26914, 4326, "file:x");
        Geometry g = jts.createMultiPoint(new Coordinate[] {
            new Coordinate(500000, 4200000), new Coordinate(647238.626684175, 4172422.09110281),
            new Coordinate(300000, 4100000)});
        assertTrue(t.apply(g).isEmpty());
        assertEquals(4326, g.getSRID());
        Coordinate[] c = g.getCoordinates();
        assertEquals(-99.0, c[0].x, 1e-7);
        assertEquals(37.9475895727819, c[0].y, 1e-7);
        assertEquals(-97.3301, c[1].x, 1e-7);
        assertEquals(37.6872, c[1].y, 1e-7);
        assertEquals(-101.248369280149, c[2].x, 1e-7);
        assertEquals(37.0249154888829, c[2].y, 1e-7);
    }

    @Test
    void readsAProjectedGeoJsonArtifactIntoWgs84() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.text("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                + "\"Feature\",\"id\":1,\"geometry\":{\"type\":\"Point\",\"coordinates\":[500000,4200000,12.5]}}]}"),
                FeatureFormat.GEOJSON, FeatureInputs.ctx("file:utm.geojson", 26914, null));
        Coordinate c = fs.get(0).geometry().getCoordinate();
        assertEquals(-99.0, c.x, 1e-7);
        assertEquals(37.9475895727819, c.y, 1e-7);
        assertEquals(12.5, c.getZ(), "Z passes through");
    }

    @Test
    void identityOnlyChecks() {
        GeometryTransformer t = GeometryTransformer.create(4326, 4326, "file:x");
        assertTrue(t.isIdentity());
        Geometry ok = jts.createPoint(new Coordinate(-97, 38));
        assertTrue(t.apply(ok).isEmpty());
        assertTrue(t.apply(jts.createPoint(new Coordinate(-97, 91))).orElseThrow().contains("latitude"));
        assertTrue(t.apply(jts.createPoint(new Coordinate(Double.NaN, 1))).orElseThrow().contains("not finite"));
    }

    @Test
    void unknownEpsgCodeIsUnknownCrs() {
        FeatureInputs.EofWatcher in = new FeatureInputs.EofWatcher(FeatureInputs.text("{}"));
        BadInputException e = assertThrows(BadInputException.class, () -> new FeatureReaders().open(
                in, FeatureFormat.GEOJSON, FeatureInputs.ctx("file:x.geojson", 999999, null)));
        assertEquals(FeatureRules.UNKNOWN_CRS, e.rule());
        assertTrue(in.closed, "the stream handed to open() is closed");
        assertTrue(e.getMessage().contains("EPSG:999999"), e.getMessage());
    }

    @Test
    void projectedCoordinatesThatCannotLandInRangeAreOutOfRange() {
        GeometryTransformer t = GeometryTransformer.create(26914, 4326, "file:x");
        String problem = t.apply(jts.createPoint(new Coordinate(500000, 1e12))).orElseThrow();
        assertTrue(problem.contains("(500000.0 1.0E12)"), problem);
        BadInputException e = assertThrows(BadInputException.class, () -> t.transform(
                jts.createPoint(new Coordinate(1e30, 4200000)), "file:x", "feature 3 (id \"k\")"));
        assertEquals(FeatureRules.COORDINATE_OUT_OF_RANGE, e.rule());
        assertTrue(e.getMessage().startsWith("file:x at feature 3 (id \"k\"): coordinate-out-of-range"), e.getMessage());
    }
}
