package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.BadInputException;

class GeoJsonSeqReaderTest {
    private static List<Feature> read(String text) {
        return FeatureInputs.readAll(FeatureInputs.text(text), FeatureFormat.GEOJSON_SEQ, FeatureInputs.ctx("file:seq"));
    }

    private static BadInputException refused(String text) {
        return assertThrows(BadInputException.class, () -> read(text));
    }

    @Test
    void readsRfc8142RecordsIncludingOneSpanningLines() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.resource("seq/records.geojsons"), FeatureFormat.GEOJSON_SEQ,
                FeatureInputs.ctx("file:records.geojsons"));
        assertEquals(List.of("r1", "r2", "3"), fs.stream().map(Feature::id).toList());
        assertEquals("MultiLineString", fs.get(1).geometry().getGeometryType());
        assertEquals(3.0, fs.get(1).geometry().getCoordinates()[3].getZ());
        assertEquals(0.0, fs.get(1).geometry().getCoordinates()[0].getZ());
        assertEquals("{\"n\":3}", fs.get(2).propertiesJson());
        assertEquals(2, fs.get(2).index());
    }

    @Test
    void readsPlainNdjsonWithBlankLinesAndCrLf() {
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.resource("seq/lines.ndjson"), FeatureFormat.GEOJSON_SEQ,
                FeatureInputs.ctx("file:lines.ndjson"));
        assertEquals(List.of("n1", "n2", "n3"), fs.stream().map(Feature::id).toList());
        assertEquals("Polygon", fs.get(2).geometry().getGeometryType());
    }

    @Test
    void readsToTheEndOfTheStream() throws Exception {
        FeatureInputs.EofWatcher in = new FeatureInputs.EofWatcher(FeatureInputs.text("\n\n"));
        try (FeatureReader r = new FeatureReaders().open(in, FeatureFormat.GEOJSON_SEQ, FeatureInputs.ctx("file:x"))) {
            assertEquals(null, r.next());
            assertTrue(in.eofSeen);
        }
    }

    @Test
    void namesTheLineOfATruncatedRecord() {
        BadInputException e = refused("{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[1,2]}}\n{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":{\"type\":\"Poi\n"
                + "{\"type\":\"Feature\",\"id\":\"c\",\"geometry\":null}\n");
        assertEquals(FeatureRules.MALFORMED_JSON, e.rule());
        assertTrue(e.position().startsWith("line 2, column 51 (feature 1, id \"b\")"), e.getMessage());
    }

    @Test
    void refusesTwoFeaturesOnOneNdjsonLine() {
        String f = "{\"type\":\"Feature\",\"id\":\"%s\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}";
        BadInputException e = refused(f.formatted("a") + "\n" + f.formatted("b") + " " + f.formatted("c") + "\n");
        assertEquals(FeatureRules.TRAILING_CONTENT, e.rule());
        assertTrue(e.position().startsWith("line 2, column 77"), e.getMessage());
    }

    @Test
    void refusesATextThatIsNotAFeature() {
        BadInputException e = refused("\n\n[1,2]\n");
        assertEquals(FeatureRules.MALFORMED_GEOJSON, e.rule());
        assertTrue(e.position().startsWith("line 3, column 1"), e.getMessage());
        BadInputException fc = refused("\u001e{\"type\":\"FeatureCollection\",\"features\":[]}\n");
        assertEquals(FeatureRules.MALFORMED_GEOJSON, fc.rule());
        assertTrue(fc.getMessage().contains("expected a Feature but \"type\" is \"FeatureCollection\""), fc.getMessage());
    }

    @Test
    void namesTheLineOfAGeometryError() {
        BadInputException e = refused("\u001e{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[1,2]}}\n\u001e{\"type\":\"Feature\",\"id\":\"b\",\n\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[]}}\n\u001e{\"type\":\"Feature\",\"id\":\"c\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[1]}}\n");
        assertEquals(FeatureRules.MALFORMED_GEOMETRY, e.rule());
        assertTrue(e.position().startsWith("line 4, column 72 (feature 2, id \"c\")"), e.getMessage());
    }
}
