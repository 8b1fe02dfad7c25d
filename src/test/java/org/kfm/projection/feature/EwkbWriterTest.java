package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected bytes are what GDAL 3.6's PostgreSQL dump driver wrote for the same geometries, i.e. the
 * EWKB PostGIS stores and ST_AsEWKB returns: NDR, SRID flag and SRID on the outer geometry only, Z flag on
 * every part of a 3D geometry.
 */
class EwkbWriterTest {
    private static String ewkb(String geojsonGeometry) {
        List<Feature> fs = Fixtures.readAll(Fixtures.text("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                + "\"Feature\",\"id\":1,\"geometry\":" + geojsonGeometry + "}]}"), FeatureFormat.GEOJSON,
                Fixtures.ctx("file:x"));
        return HexFormat.of().withUpperCase().formatHex(new EwkbWriter().write(fs.get(0).geometry()));
    }

    @Test
    void writes2dPointLikePostgis() {
        assertEquals("0101000020E6100000000000000000F03F0000000000000040",
                ewkb("{\"type\":\"Point\",\"coordinates\":[1,2]}"));
    }

    @Test
    void writesMultiPartsWithoutSridOnTheParts() {
        assertEquals("0104000020E6100000020000000101000000000000000000F03F0000000000000040"
                + "010100000000000000000014400000000000001840",
                ewkb("{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[5,6]]}"));
    }

    @Test
    void writesMixedDimensionGeometriesAs3dWithZeroZ() {
        assertEquals("01040000A0E6100000020000000101000080000000000000F03F00000000000000400000000000000840"
                + "0101000080000000000000144000000000000018400000000000000000",
                ewkb("{\"type\":\"MultiPoint\",\"coordinates\":[[1,2,3,4],[5,6]]}"));
        assertEquals("01070000A0E6100000020000000101000080000000000000F03F00000000000000400000000000000000"
                + "0101000080000000000000F03F00000000000000400000000000002240",
                ewkb("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                        + "{\"type\":\"Point\",\"coordinates\":[1,2,9]}]}"));
    }
}
