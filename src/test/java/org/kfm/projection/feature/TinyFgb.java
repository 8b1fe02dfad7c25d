package org.kfm.projection.feature;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.generated.Column;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Crs;
import org.wololo.flatgeobuf.generated.Geometry;
import org.wololo.flatgeobuf.generated.GeometryType;
import org.wololo.flatgeobuf.generated.Header;

/**
 * Writes one-polygon FlatGeobuf files from raw arrays, so a test can make what no well-behaved writer
 * (nor JTS) would: an unclosed ring, a string with a NUL or invalid UTF-8 in it. Columns: {@code id}
 * and {@code name}, both strings; EPSG:4326; no spatial index.
 */
final class TinyFgb {
    private TinyFgb() {
    }

    /** @param xy interleaved x, y of every ring; {@code ends} the end of each ring, in positions */
    static byte[] polygon(byte[] id, byte[] name, double[] xy, long[] ends) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Constants.MAGIC_BYTES);
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int[] columns = {column(b, "id"), column(b, "name")};
        int columnsOffset = Header.createColumnsVector(b, columns);
        int crs = Crs.createCrs(b, b.createString("EPSG"), 4326, 0, 0, 0, 0);
        Header.startHeader(b);
        Header.addGeometryType(b, GeometryType.Polygon);
        Header.addColumns(b, columnsOffset);
        Header.addFeaturesCount(b, 1);
        Header.addIndexNodeSize(b, 0);
        Header.addCrs(b, crs);
        b.finishSizePrefixed(Header.endHeader(b));
        out.writeBytes(b.sizedByteArray());

        b = new FlatBufferBuilder(1024);
        int endsOffset = Geometry.createEndsVector(b, ends);
        int xyOffset = Geometry.createXyVector(b, xy);
        int geometry = Geometry.createGeometry(b, endsOffset, xyOffset, 0, 0, 0, 0, GeometryType.Polygon, 0);
        ByteBuffer props = ByteBuffer.allocate(12 + id.length + name.length).order(ByteOrder.LITTLE_ENDIAN);
        props.putShort((short) 0).putInt(id.length).put(id).putShort((short) 1).putInt(name.length).put(name);
        int propsOffset = org.wololo.flatgeobuf.generated.Feature.createPropertiesVector(b, props.array());
        b.finishSizePrefixed(org.wololo.flatgeobuf.generated.Feature.createFeature(b, geometry, propsOffset, 0));
        out.writeBytes(b.sizedByteArray());
        return out.toByteArray();
    }

    static byte[] polygon(String id, String name, double[] xy, long[] ends) {
        return polygon(id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                name.getBytes(java.nio.charset.StandardCharsets.UTF_8), xy, ends);
    }

    private static int column(FlatBufferBuilder b, String name) {
        return Column.createColumn(b, b.createString(name), ColumnType.String, 0, 0, -1, -1, -1, true, false, false, 0);
    }

    static double[] xy(double... values) {
        return Arrays.copyOf(values, values.length);
    }
}
