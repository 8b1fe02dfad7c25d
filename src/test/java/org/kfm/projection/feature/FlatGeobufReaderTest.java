package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.BadInputException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/** Reads FlatGeobuf files written by GDAL's ogr2ogr (see src/test/resources/features/fgb/README.md). */
class FlatGeobufReaderTest {
    private static Map<String, Feature> byId(List<Feature> fs) {
        return fs.stream().collect(Collectors.toMap(Feature::id, Function.identity()));
    }

    @Test
    void readsEveryGeometryTypeWithIdsFromTheIdColumnAndPropertiesAsJson() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.resource("fgb/all-types.fgb"), FeatureFormat.FLATGEOBUF,
                FeatureInputs.ctx("file:all-types.fgb"));
        assertEquals(10, fs.size());
        Map<String, Feature> m = byId(fs);
        assertEquals("POINT (-97.3301 37.6872)", m.get("pt-1").geometry().toText());
        assertEquals(1, ((Polygon) m.get("poly-hole").geometry()).getNumInteriorRing());
        Geometry mp = m.get("mpoly").geometry();
        assertEquals(2, mp.getNumGeometries());
        assertEquals(1, ((Polygon) mp.getGeometryN(1)).getNumInteriorRing());
        assertEquals("MULTILINESTRING ((-99 37, -98.9 37.1), (-99.2 37.2, -99.1 37.3, -99 37.4))",
                m.get("mls").geometry().toText());
        assertEquals("GEOMETRYCOLLECTION (POINT (-95 38), GEOMETRYCOLLECTION (LINESTRING (-95.1 38.1, -95.2 38.2), "
                + "POINT (-95.3 38.3)))", m.get("gc-nested").geometry().toText());
        assertEquals("MULTIPOINT ((-96 37), (-96.1 37.1))", m.get("mpt").geometry().toText());
        assertEquals(4326, m.get("7").geometry().getSRID());
        assertEquals("{\"id\":\"pt-1\",\"name\":\"f0\",\"rank\":0,\"score\":0.0,\"active\":true,"
                + "\"nested\":\"{ \\\"a\\\": 1, \\\"b\\\": \\\"x\\\" }\"}", m.get("pt-1").propertiesJson());
        for (int i = 0; i < fs.size(); i++) {
            assertEquals(i, fs.get(i).index());
        }
    }

    @Test
    void readsZAndFilesWithoutSpatialIndexTakingIdsFromTheConfiguredColumn() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.resource("fgb/z-points.fgb"), FeatureFormat.FLATGEOBUF,
                FeatureInputs.ctx("file:z-points.fgb", 4326, "fid"));
        assertEquals(List.of("z-1", "z-2"), fs.stream().map(Feature::id).toList());
        assertEquals(1000.25, fs.get(0).geometry().getCoordinate().getZ());
        assertTrue(new EwkbWriter().hasZ(fs.get(1).geometry()));
    }

    @Test
    void transformsProjectedFilesToWgs84() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.resource("fgb/utm.fgb"), FeatureFormat.FLATGEOBUF,
                FeatureInputs.ctx("file:utm.fgb", 26914, null));
        Geometry p = byId(fs).get("pt-1").geometry();
        assertEquals(-97.3301, p.getCoordinate().getX(), 1e-7);
        assertEquals(37.6872, p.getCoordinate().getY(), 1e-7);
        assertEquals(4326, p.getSRID());
    }

    @Test
    void refusesAHeaderCrsOtherThanTheDeclaredOne() {
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                FeatureInputs.resource("fgb/utm.fgb"), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:utm.fgb")));
        assertEquals(FeatureRules.CRS_MISMATCH, e.rule());
        assertTrue(e.getMessage().contains("EPSG:26914 but the catalog declares EPSG:4326"), e.getMessage());
    }

    @Test
    void refusesAFileWithoutAnIdColumn() {
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                FeatureInputs.resource("fgb/z-points.fgb"), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:z.fgb")));
        assertEquals(FeatureRules.MISSING_FEATURE_ID, e.rule());
        assertTrue(e.position().startsWith("feature 0"), e.getMessage());
    }

    @Test
    void refusesATruncatedFileNamingTheFeature() throws Exception {
        byte[] whole;
        try (InputStream in = FeatureInputs.resource("fgb/all-types.fgb")) {
            whole = in.readAllBytes();
        }
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                new ByteArrayInputStream(cut), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:cut.fgb")));
        assertEquals(FeatureRules.MALFORMED_FLATGEOBUF, e.rule());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotFlatGeobuf() {
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                FeatureInputs.text("{\"type\":\"FeatureCollection\"}"), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:x")));
        assertEquals(FeatureRules.MALFORMED_FLATGEOBUF, e.rule());
    }

    @Test
    void readsToTheEndOfTheStream() throws Exception {
        FeatureInputs.EofWatcher in = new FeatureInputs.EofWatcher(FeatureInputs.resource("fgb/z-points.fgb"));
        try (FeatureReader r = new FeatureReaders().open(in, FeatureFormat.FLATGEOBUF,
                FeatureInputs.ctx("file:z.fgb", 4326, "fid"))) {
            while (r.next() != null) {
                assertTrue(r.position() <= 2);
            }
            assertTrue(in.eofSeen);
            assertNull(r.next());
        }
        assertTrue(in.closed);
    }
}
