package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.ErrorCode;

/** Every bad-input rule of the GeoJSON reader, with the exact rule id and position it reports. */
class RefusesBadGeoJsonTest {
    /** Wraps features in a collection whose first feature starts on line 2, column 1. */
    private static String fc(String features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [\n" + features + "\n]}";
    }

    private static final String OK = "{\"type\":\"Feature\",\"id\":\"ok\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("malformed-json", fc(OK + "\n{\"type\":\"Feature\", \"id\": \"x\" \"geometry\": null}"),
                        "line 3, column 30 (feature 1, id \"x\")"),
                Arguments.of("malformed-json", "{\"type\": \"FeatureCollection\", \"features\": [\n" + OK,
                        "line 2, column 78"),
                Arguments.of("trailing-content", fc(OK.substring(0, OK.length() - 1)) + "\n  x",
                        "line 4, column 3"),
                Arguments.of("trailing-content", fc(OK.substring(0, OK.length() - 1)) + " {}", "line 3, column 4"),
                Arguments.of("malformed-geojson", "[1, 2]", "line 1, column 1"),
                Arguments.of("malformed-geojson", "{\"type\": \"Feature\", \"features\": []}", "line 1, column 10"),
                Arguments.of("malformed-geojson", "{\"features\": []}", "line 1, column 16"),
                Arguments.of("malformed-geojson", fc("{\"type\":\"Fea\",\"id\":1,\"geometry\":null}"),
                        "line 2, column 1 (feature 0, id \"1\")"),
                Arguments.of("malformed-geometry", fc(OK + "\n{\"type\":\"Feature\",\"id\":\"r\",\"geometry\":"
                        + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0.5]]]}}"),
                        "line 3, column 98 (feature 1, id \"r\")"),
                Arguments.of("malformed-geometry", fc("{\"type\":\"Feature\",\"id\":\"r\",\"geometry\":"
                        + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}}"), "line 2, column 90 (feature 0, id \"r\")"),
                Arguments.of("malformed-geometry", fc("{\"type\":\"Feature\",\"id\":\"l\",\"geometry\":"
                        + "{\"type\":\"LineString\",\"coordinates\":[[0,0]]}}"), "line 2, column 80"),
                Arguments.of("malformed-geometry", fc("{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[7]}}"), "line 2, column 71"),
                Arguments.of("malformed-geometry", fc("{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[1,\"2\"]}}"), "line 2, column 72"),
                Arguments.of("malformed-geometry", fc("{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
                        + "{\"coordinates\":[1],\"type\":\"Point\"}}"), "line 2, column 54"),
                Arguments.of("malformed-geometry", fc("{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
                        + "{\"type\":\"Point\"}}"), "line 2, column 54"),
                Arguments.of("unsupported-geometry-type", fc("{\"type\":\"Feature\",\"id\":\"c\",\"geometry\":"
                        + "{\"type\":\"Circle\",\"coordinates\":[1,2]}}"), "line 2, column 47 (feature 0, id \"c\")"),
                Arguments.of("missing-geometry", fc("{\"type\":\"Feature\",\"id\":\"n\",\"geometry\":null}"),
                        "line 2, column 1 (feature 0, id \"n\")"),
                Arguments.of("missing-geometry", fc(OK + "\n  {\"type\":\"Feature\",\"id\":\"n\"}"),
                        "line 3, column 3 (feature 1, id \"n\")"),
                Arguments.of("missing-feature-id", fc(OK + "{\"type\":\"Feature\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[1,2]}}"), "line 2, column 78 (feature 1)"),
                Arguments.of("invalid-feature-id", fc("{\"type\":\"Feature\",\"id\":[1],\"geometry\":null}"),
                        "line 2, column 24 (feature 0)"),
                Arguments.of("coordinate-out-of-range", fc("{\"type\":\"Feature\",\"id\":\"far\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[181,2]}}"), "line 2, column 1 (feature 0, id \"far\")"),
                Arguments.of("coordinate-out-of-range", fc("{\"type\":\"Feature\",\"id\":\"inf\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[1e999,2]}}"), "(feature 0, id \"inf\")"));
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("cases")
    void namesRuleArtifactAndPosition(String rule, String json, String position) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> FeatureInputs.readAll(FeatureInputs.text(json), FeatureFormat.GEOJSON, FeatureInputs.ctx("file:bad.geojson")));
        assertEquals(rule, e.rule(), e.getMessage());
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(e.getMessage().startsWith("file:bad.geojson at "), e.getMessage());
        assertTrue(e.position().contains(position), () -> "expected position '" + position + "' in: " + e.getMessage());
    }

    /** Jackson's nesting limit (1000) carries no location of its own: the parser's position is reported. */
    @Test
    void tooDeepNestingIsReportedWhereTheParserStopped() {
        String deep = "[".repeat(1100) + "]".repeat(1100);
        String json = fc("{\"type\":\"Feature\",\"id\":\"deep\",\"properties\":\n  {\"a\":" + deep + "}}");
        for (FeatureFormat format : new FeatureFormat[] {FeatureFormat.GEOJSON, FeatureFormat.GEOJSON_SEQ}) {
            String text = format == FeatureFormat.GEOJSON ? json : json.substring(json.indexOf('\n') + 1,
                    json.lastIndexOf('\n'));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> FeatureInputs.readAll(FeatureInputs.text(text), format, FeatureInputs.ctx("file:deep")));
            assertEquals("malformed-json", e.rule(), e.getMessage());
            // the 1001st level opens at the bracket before: 4 levels above the array in a collection, 2 in a sequence
            String at = format == FeatureFormat.GEOJSON ? "line 3, column 1005" : "line 2, column 1007";
            assertEquals(at + " (feature 0, id \"deep\")", e.position(), e.getMessage());
            assertTrue(e.getMessage().contains("nesting depth (1001) exceeds the maximum allowed (1000"),
                    e.getMessage());
        }
    }
}
