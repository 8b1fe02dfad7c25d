package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.BadInputException;
import org.locationtech.jts.io.WKTWriter;

/**
 * An unclosed polygon ring is refused by default, naming the ring and the setting that would close
 * it; under {@code close} every reader appends the ring's first position, as GDAL does, and counts
 * the closed rings of each feature so the loader can list the repair.
 */
class UnclosedRingPolicyTest {
    /** A square whose ring stops one position short of closing, and a closed hole... */
    private static final String OPEN_SHELL = "{\"type\":\"Feature\",\"id\":\"open\",\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[0,0],[4,0],[4,4],[0,4]],[[1,1],[2,1],[2,2],[1,1]]]}}";
    /** ...and a MultiPolygon with both rings of its second polygon open, in 3D. */
    private static final String OPEN_MULTI = "{\"type\":\"Feature\",\"id\":\"multi\",\"geometry\":{\"type\":"
            + "\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],"
            + "[[[5,5,1],[9,5,1],[9,9,1],[5,9,1]],[[6,6],[7,6],[7,7]]]]}}";
    private static final String CLOSED = "{\"type\":\"Feature\",\"id\":\"closed\",\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}";

    private static ReaderContext closing(String artifact) {
        return FeatureInputs.ctx(artifact).withUnclosedRings(UnclosedRingPolicy.CLOSE);
    }

    @Test
    void rejectIsTheDefaultAndItsErrorNamesTheRingThePositionAndTheSetting() {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[\n" + CLOSED + ",\n" + OPEN_SHELL + "]}";
        BadInputException e = assertThrows(BadInputException.class,
                () -> FeatureInputs.readAll(FeatureInputs.text(fc), FeatureFormat.GEOJSON, FeatureInputs.ctx("file:open.geojson")));
        assertEquals("malformed-geometry", e.rule());
        assertEquals("line 3, column 99 (feature 1, id \"open\")", e.position());
        assertTrue(e.getMessage().contains("ring 0 is not closed: its first position (0.0 0.0) differs from its last "
                + "(0.0 4.0)"), e.getMessage());
        assertTrue(e.getMessage().contains("kfm.input.unclosed-ring (KFM_INPUT_UNCLOSED_RING) to close"),
                e.getMessage());
    }

    @Test
    void closeAppendsTheFirstPositionAndCountsTheRingsPerFeature() {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[" + CLOSED + "," + OPEN_SHELL + "," + OPEN_MULTI
                + "]}";
        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.text(fc), FeatureFormat.GEOJSON, closing("file:open.geojson"));

        assertEquals(List.of(0, 1, 2), fs.stream().map(Feature::closedRings).toList());
        assertEquals("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))", fs.get(1).geometry().toText());
        assertEquals("MULTIPOLYGON Z(((0 0 0, 1 0 0, 1 1 0, 0 0 0)), ((5 5 1, 9 5 1, 9 9 1, 5 9 1, 5 5 1), "
                + "(6 6 0, 7 6 0, 7 7 0, 6 6 0)))", new WKTWriter(3).write(fs.get(2).geometry()));
        assertTrue(fs.get(1).geometry().isValid());
    }

    @Test
    void closeStillRefusesARingTooShortOnceClosed() {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"two\",\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0]]]}}]}";
        BadInputException e = assertThrows(BadInputException.class,
                () -> FeatureInputs.readAll(FeatureInputs.text(fc), FeatureFormat.GEOJSON, closing("file:two.geojson")));
        assertEquals("malformed-geometry", e.rule());
        assertTrue(e.getMessage().contains("ring 0 has 2 positions (3 once closed)"), e.getMessage());
    }

    @Test
    void geoJsonSequencesFollowThePolicyToo() {
        String seq = "\u001e" + CLOSED + "\n\u001e" + OPEN_SHELL + "\n";
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(FeatureInputs.text(seq),
                FeatureFormat.GEOJSON_SEQ, FeatureInputs.ctx("file:open.geojsons")));
        assertEquals("malformed-geometry", e.rule());
        assertTrue(e.position().startsWith("line 2, "), e.position());
        assertTrue(e.getMessage().contains("KFM_INPUT_UNCLOSED_RING"), e.getMessage());

        List<Feature> fs = FeatureInputs.readAll(FeatureInputs.text(seq), FeatureFormat.GEOJSON_SEQ,
                closing("file:open.geojsons"));
        assertEquals(List.of(0, 1), fs.stream().map(Feature::closedRings).toList());
        assertEquals("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))", fs.get(1).geometry().toText());
    }

    @Test
    void flatGeobufRingsFollowThePolicyToo() {
        byte[] fgb = TinyFgb.polygon("open", "x", TinyFgb.xy(0, 0, 4, 0, 4, 4, 0, 4), new long[] {4});

        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                new ByteArrayInputStream(fgb), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:open.fgb")));
        assertEquals("malformed-geometry", e.rule());
        assertTrue(e.getMessage().contains("ring 0 is not closed"), e.getMessage());
        assertTrue(e.getMessage().contains("KFM_INPUT_UNCLOSED_RING"), e.getMessage());

        List<Feature> fs = FeatureInputs.readAll(new ByteArrayInputStream(fgb), FeatureFormat.FLATGEOBUF,
                closing("file:open.fgb"));
        assertEquals(1, fs.get(0).closedRings());
        assertEquals("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))", fs.get(0).geometry().toText());
    }

    @Test
    void closedRingsAreReadAsPublishedUnderEitherPolicy() {
        byte[] fgb = TinyFgb.polygon("c", "x", TinyFgb.xy(0, 0, 4, 0, 4, 4, 0, 0), new long[] {4});
        for (ReaderContext ctx : List.of(FeatureInputs.ctx("file:c.fgb"), closing("file:c.fgb"))) {
            Feature f = FeatureInputs.readAll(new ByteArrayInputStream(fgb), FeatureFormat.FLATGEOBUF, ctx).get(0);
            assertEquals(0, f.closedRings());
            assertEquals("POLYGON ((0 0, 4 0, 4 4, 0 0))", f.geometry().toText());
        }
    }
}
