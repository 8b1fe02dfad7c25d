package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.Polygon;

class GeoJsonReaderTest {
    private final List<Feature> all = FeatureInputs.readAll(FeatureInputs.resource("geojson/all-types.geojson"),
            FeatureFormat.GEOJSON, FeatureInputs.ctx("file:all-types.geojson"));
    private final Map<String, Feature> byId = all.stream().collect(Collectors.toMap(Feature::id, Function.identity()));

    @Test
    void readsEveryGeometryTypeWithMembersInAnyOrder() {
        assertEquals(10, all.size());
        assertEquals("POINT (-97.3301 37.6872)", byId.get("pt-1").geometry().toText());
        assertEquals("LINESTRING (-97 38, -96.5 38.2, -96 38.1)", byId.get("line-1").geometry().toText());
        assertEquals("MULTIPOINT ((-96 37), (-96.1 37.1))", byId.get("mpt").geometry().toText());
        assertEquals("MULTILINESTRING ((-99 37, -98.9 37.1), (-99.2 37.2, -99.1 37.3, -99 37.4))",
                byId.get("mls").geometry().toText());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).index());
            assertEquals(4326, all.get(i).geometry().getSRID());
        }
    }

    @Test
    void keepsPolygonHolesAndMultiPolygonParts() {
        Polygon p = (Polygon) byId.get("poly-hole").geometry();
        assertEquals(1, p.getNumInteriorRing());
        Geometry mp = byId.get("mpoly").geometry();
        assertEquals("MultiPolygon", mp.getGeometryType());
        assertEquals(2, mp.getNumGeometries());
        assertEquals(1, ((Polygon) mp.getGeometryN(1)).getNumInteriorRing());
    }

    @Test
    void readsNestedGeometryCollectionsPromotingTheWholeGeometryTo3dWhenOnePositionHasZ() {
        GeometryCollection gc = (GeometryCollection) byId.get("gc-nested").geometry();
        assertEquals(2, gc.getNumGeometries());
        GeometryCollection inner = (GeometryCollection) gc.getGeometryN(1);
        assertEquals("LineString", inner.getGeometryN(0).getGeometryType());
        assertEquals(10.0, inner.getGeometryN(1).getCoordinate().getZ());
        assertEquals(0.0, gc.getGeometryN(0).getCoordinate().getZ(), "missing Z becomes 0, as GDAL does");
    }

    @Test
    void mixedDimensionPositionsArePromotedTo3dWithZeroAndExtraOrdinatesIgnored() {
        Geometry g = byId.get("mixed-z").geometry();
        assertEquals(0.0, g.getCoordinates()[0].getZ());
        assertEquals(5.5, g.getCoordinates()[1].getZ());
        assertEquals(1.0, g.getCoordinates()[2].getZ());
        assertTrue(new EwkbWriter().hasZ(g));
        assertFalse(new EwkbWriter().hasZ(byId.get("line-1").geometry()));
        assertEquals(282.5, byId.get("7").geometry().getCoordinate().getZ());
    }

    @Test
    void numericIdIsItsJsonText() {
        assertEquals("7", all.get(1).id());
        assertNull(all.get(1).propertiesJson());
    }

    @Test
    void numericIdsKeepTheirJsonTextEvenWhenNotIntegers() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.text("{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"id\":7.0,\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
                + "{\"type\":\"Feature\",\"id\":1e3,\"geometry\":{\"type\":\"Point\",\"coordinates\":[]}}]}"),
                FeatureFormat.GEOJSON, FeatureInputs.ctx("file:x"));
        assertEquals(List.of("7.0", "1e3"), fs.stream().map(Feature::id).toList());
        assertTrue(fs.get(1).geometry().isEmpty(), "empty coordinates give an empty geometry");
    }

    @Test
    void takesPropertiesVerbatimFromTheArtifact() {
        assertEquals("{\"name\": \"Wichita\", \"pop\": 397532, \"ratio\": 1.10, \"tags\": [\"city\", \"ict\"], "
                + "\"nested\": {\"a\": null, \"b\": true}}", byId.get("pt-1").propertiesJson());
        assertEquals("{}", byId.get("poly-hole").propertiesJson());
        assertNull(byId.get("mpt").propertiesJson());
    }

    @Test
    void verbatimPropertiesKeepEscapesNonAsciiAndNestingAcrossManyReads() {
        // 3,000 features of ~200 bytes: the capture crosses the stream's read and window boundaries
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String props = "{ \"n\" : " + i + ", \"s\": \"é\\u00e9\\\"q\\\\ 東京\", \"deep\": {\"a\": [1, {\"b\": [\"x"
                    + "y".repeat(i % 97) + "\"]}]}, \"k\": 1.50e2 }";
            expected.add(props);
            json.append(i == 0 ? "" : ",\n").append("{\"type\":\"Feature\",\"id\":").append(i)
                    .append(",\"properties\":").append(props)
                    .append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}");
        }
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.text(json.append("]}").toString()), FeatureFormat.GEOJSON,
                FeatureInputs.ctx("file:x"));
        assertEquals(expected, fs.stream().map(Feature::propertiesJson).toList());
    }

    @Test
    void aUtf16FileGetsItsPropertiesCopiedAsCompactJson() {
        // a character-based parser has no byte offsets: the copier re-generates the object instead
        String json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a\","
                + "\"properties\": { \"name\" : \"Wichita\", \"ratio\": 1.10 },"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
        List<Feature> fs = FeatureInputs.readAll(new java.io.ByteArrayInputStream(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)), FeatureFormat.GEOJSON, FeatureInputs.ctx("file:x"));
        assertEquals("{\"name\":\"Wichita\",\"ratio\":1.10}", fs.get(0).propertiesJson());
    }

    @Test
    void readsTopologicallyInvalidPolygonsAsPublished() {
        Geometry bowtie = byId.get("bowtie").geometry();
        assertFalse(bowtie.isValid());
        assertEquals(5, bowtie.getNumPoints());
    }

    @Test
    void takesTheIdFromTheConfiguredPropertyWhenTheIdMemberIsAbsent() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.resource("geojson/property-ids.geojson"), FeatureFormat.GEOJSON,
                FeatureInputs.ctx("file:property-ids.geojson", 4326, "parcel"));
        assertEquals(List.of("a-1", "12345", "P-10"), fs.stream().map(Feature::id).toList());
    }

    @Test
    void readsTheStreamToItsEndAndClosesIt() throws Exception {
        FeatureInputs.EofWatcher in = new FeatureInputs.EofWatcher(FeatureInputs.text(
                "{\"type\":\"FeatureCollection\",\"features\":[]}   \n\n"));
        try (FeatureReader r = new FeatureReaders().open(in, FeatureFormat.GEOJSON, FeatureInputs.ctx("file:x"))) {
            assertNull(r.next());
            assertTrue(in.eofSeen);
            assertNull(r.next(), "next() stays null");
        }
        assertTrue(in.closed);
    }
}
