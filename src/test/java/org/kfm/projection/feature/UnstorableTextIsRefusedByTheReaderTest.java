package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kfm.projection.error.BadInputException;

/**
 * Text PostgreSQL cannot store (a NUL, an unpaired surrogate escape, UTF-8 its strict decoder refuses)
 * used to pass the readers and fail the COPY as {@code copy-failed} (exit 1). The readers refuse it
 * before anything is sent, as bad input naming the artifact, line and column, the feature and its id,
 * and the JSON pointer of the value, in names and values at any depth and in ids alike.
 */
class UnstorableTextIsRefusedByTheReaderTest {
    private static final String POINT = "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}";

    /** One feature starting on line 2, column 1, with the given id member and properties. */
    private static String fc(String idMember, String properties) {
        return "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\"," + idMember + POINT
                + ",\"properties\":" + properties + "}]}";
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("NUL in a value", fc("\"id\":\"x\",", "{\"name\":\"a\\u0000b\"}"), "unstorable-text",
                        "line 2, column 99 (feature 0, id \"x\", pointer /properties/name)"),
                Arguments.of("lone high surrogate", fc("\"id\":\"x\",", "{\"ok\":1,\n  \"name\":\"\\ud800A\"}"),
                        "unstorable-text", "line 3, column 11 (feature 0, id \"x\", pointer /properties/name)"),
                Arguments.of("lone low surrogate in an array", fc("\"id\":\"x\",",
                        "{\"list\":[\"\\ud83d\\ude00\",\"\\udc00\"]}"), "unstorable-text",
                        "line 2, column 114 (feature 0, id \"x\", pointer /properties/list/1)"),
                Arguments.of("high surrogate at the end of a string", fc("\"id\":\"x\",", "{\"n\":{\"deep\":\"z\\udbff\"}}"),
                        "unstorable-text", "line 2, column 104 (feature 0, id \"x\", pointer /properties/n/deep)"),
                Arguments.of("NUL in a nested key", fc("\"id\":\"x\",", "{\"tags\":{\"k\\u0000\":true}}"),
                        "unstorable-text", "line 2, column 100 (feature 0, id \"x\", pointer /properties/tags/k\\u0000)"),
                Arguments.of("id found after the properties", "{\"type\":\"FeatureCollection\",\"features\":[\n"
                        + "{\"type\":\"Feature\",\"properties\":{\"name\":\"\\u0000\"}," + POINT + ",\"id\":7}]}",
                        "unstorable-text", "line 2, column 41 (feature 0, id \"7\", pointer /properties/name)"),
                Arguments.of("NUL in the id", fc("\"id\":\"a\\u0000b\",", "null"), "invalid-feature-id",
                        "line 2, column 24 (feature 0, pointer /id)"),
                Arguments.of("lone surrogate in the id", fc("\"id\":\"\\udc00\",", "null"), "invalid-feature-id",
                        "line 2, column 24 (feature 0, pointer /id)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void geoJsonRefusesItNamingPositionFeatureAndPointer(String name, String json, String rule, String position) {
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(FeatureInputs.text(json),
                FeatureFormat.GEOJSON, FeatureInputs.ctx("file:t.geojson")));
        assertEquals(rule, e.rule(), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
        assertEquals(5, e.code().exitCode());
        assertTrue(e.getMessage().startsWith("file:t.geojson at line "), e.getMessage());
    }

    @Test
    void anIdPropertyWithANulIsAnInvalidIdAtItsPointer() {
        String json = fc("", "{\"gnis\":\"g\\u0000\"}");
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(FeatureInputs.text(json),
                FeatureFormat.GEOJSON, FeatureInputs.ctx("file:t.geojson", 4326, "gnis")));
        assertEquals("invalid-feature-id", e.rule());
        assertEquals("line 2, column 90 (feature 0, pointer /properties/gnis)", e.position());
        assertTrue(e.getMessage().contains("\"g\\u0000\""), e.getMessage());
    }

    @Test
    void storableEscapesAndPairsAreKeptVerbatim() {
        String props = "{\"a\":\"\\\\u0000\",\"b\":\"\\ud83d\\ude00\",\"c\":\"\\\\\\\\ud800\",\"\\u00e9\":\"\\u0001\"}";
        Feature f = FeatureInputs.readAll(FeatureInputs.text(fc("\"id\":\"x\",", props)), FeatureFormat.GEOJSON,
                FeatureInputs.ctx("file:t.geojson")).get(0);
        assertEquals(props, f.propertiesJson());
    }

    @Test
    void utf8ThatJacksonSkipsButPostgresRefusesIsMalformedJson() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(fc("\"id\":\"x\",", "{\"name\":\"a").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xC0, (byte) 0x80}); // an overlong NUL: Jackson skips it unchecked
        b.writeBytes("\"}}]}".getBytes(StandardCharsets.UTF_8));
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                new ByteArrayInputStream(b.toByteArray()), FeatureFormat.GEOJSON, FeatureInputs.ctx("file:t.geojson")));
        assertEquals("malformed-json", e.rule());
        assertEquals("line 2, column 102 (feature 0, id \"x\", pointer /properties/name)", e.position());
    }

    @Test
    void sequencesAreCheckedTheSameWay() {
        String seq = "{\"type\":\"Feature\",\"id\":\"ok\"," + POINT + ",\"properties\":{}}\n"
                + "{\"type\":\"Feature\",\"id\":\"bad\"," + POINT + ",\"properties\":{\"v\":\"\\ud800\"}}\n";
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(FeatureInputs.text(seq),
                FeatureFormat.GEOJSON_SEQ, FeatureInputs.ctx("file:t.geojsons")));
        assertEquals("unstorable-text", e.rule());
        assertEquals("line 2, column 97 (feature 1, id \"bad\", pointer /properties/v)", e.position());
    }

    @Test
    void utf16FilesCopiedTokenByTokenAreCheckedToo() {
        byte[] utf16 = fc("\"id\":\"x\",", "{\"name\":\"a\\u0000b\"}").getBytes(StandardCharsets.UTF_16BE);
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                new ByteArrayInputStream(utf16), FeatureFormat.GEOJSON, FeatureInputs.ctx("file:t.geojson")));
        assertEquals("unstorable-text", e.rule());
        assertTrue(e.position().startsWith("line 2, column "), e.position());
        assertTrue(e.position().endsWith("(feature 0, id \"x\", pointer /properties/name)"), e.position());
    }

    @Test
    void flatGeobufStringsWithANulOrInvalidUtf8AreRefused() {
        double[] square = TinyFgb.xy(0, 0, 1, 0, 1, 1, 0, 0);
        byte[] nul = TinyFgb.polygon("f1", "a\u0000b", square, new long[] {4});
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(
                new ByteArrayInputStream(nul), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:t.fgb")));
        assertEquals("unstorable-text", e.rule());
        assertTrue(e.position().startsWith("feature 0 (id \"f1\"), byte offset "), e.position());
        assertTrue(e.position().endsWith(", pointer /properties/name"), e.position());

        byte[] bad = TinyFgb.polygon("f1".getBytes(StandardCharsets.UTF_8), new byte[] {'a', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, square, new long[] {4});
        e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(new ByteArrayInputStream(bad),
                FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:t.fgb")));
        assertEquals("malformed-flatgeobuf", e.rule());
        assertTrue(e.position().endsWith(", pointer /properties/name"), e.position());

        byte[] badId = TinyFgb.polygon("f\u00001", "n", square, new long[] {4});
        e = assertThrows(BadInputException.class, () -> FeatureInputs.readAll(new ByteArrayInputStream(badId),
                FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:t.fgb")));
        assertEquals("invalid-feature-id", e.rule());
        assertTrue(e.position().endsWith(", pointer /properties/id"), e.position());

        List<Feature> ok = FeatureInputs.readAll(new ByteArrayInputStream(TinyFgb.polygon("f1", "\u00e9\ud83d\ude00",
                square, new long[] {4})), FeatureFormat.FLATGEOBUF, FeatureInputs.ctx("file:t.fgb"));
        assertEquals("{\"id\":\"f1\",\"name\":\"\u00e9\\uD83D\\uDE00\"}", ok.get(0).propertiesJson(),
                "Jackson writes the pair as escapes; jsonb stores the character");
    }
}
