package org.kfm.projection.bench.synth;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.generated.Column;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Crs;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;
import org.wololo.flatgeobuf.generated.Header;

/**
 * Writes features as FlatGeobuf without a spatial index (an index needs every feature before the first is
 * written, which would defeat streaming). The header declares mixed geometry types, EPSG:4326 and the
 * feature count, and six columns: {@code id} plus the five properties.
 */
final class FlatGeobufSink implements FeatureSink {
    private static final String[] NAMES = {"id", "name", "category", "value", "rank", "active"};
    private static final int[] TYPES = {ColumnType.String, ColumnType.String, ColumnType.String, ColumnType.Double,
        ColumnType.Int, ColumnType.Bool};

    private final OutputStream out;
    private final FlatBufferBuilder builder = new FlatBufferBuilder(16 * 1024);
    private ByteBuffer properties = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);

    FlatGeobufSink(OutputStream out, String name, long featureCount, int epsg) throws IOException {
        this.out = out;
        out.write(Constants.MAGIC_BYTES);
        int nameOffset = builder.createString(name);
        int[] columns = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            int columnName = builder.createString(NAMES[i]);
            columns[i] = Column.createColumn(builder, columnName, TYPES[i], 0, 0, -1, -1, -1, i != 0, i == 0, false, 0);
        }
        int columnsOffset = Header.createColumnsVector(builder, columns);
        int orgOffset = builder.createString("EPSG");
        int crsOffset = Crs.createCrs(builder, orgOffset, epsg, 0, 0, 0, 0);
        Header.startHeader(builder);
        Header.addName(builder, nameOffset);
        Header.addGeometryType(builder, GeometryType.Unknown);
        Header.addColumns(builder, columnsOffset);
        Header.addFeaturesCount(builder, featureCount);
        Header.addIndexNodeSize(builder, 0);
        Header.addCrs(builder, crsOffset);
        builder.finishSizePrefixed(Header.endHeader(builder));
        writeBuilder();
    }

    @Override
    public void write(SyntheticFeature f) throws IOException {
        builder.clear();
        int geometry = GeometryConversions.serialize(builder, f.geometry(), (byte) GeometryType.Unknown);
        properties.clear();
        string(0, f.id());
        string(1, f.name());
        string(2, f.category());
        ensure(2 + 8 + 2 + 4 + 2 + 1);
        properties.putShort((short) 3).putDouble(f.value());
        properties.putShort((short) 4).putInt(f.rank());
        properties.putShort((short) 5).put((byte) (f.active() ? 1 : 0));
        properties.flip();
        int props = Feature.createPropertiesVector(builder, properties);
        builder.finishSizePrefixed(Feature.createFeature(builder, geometry, props, 0));
        writeBuilder();
    }

    private void string(int column, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(2 + 4 + bytes.length);
        properties.putShort((short) column).putInt(bytes.length).put(bytes);
    }

    private void ensure(int more) {
        if (properties.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(properties.capacity() * 2, properties.position() + more))
                    .order(ByteOrder.LITTLE_ENDIAN);
            properties.flip();
            bigger.put(properties);
            properties = bigger;
        }
    }

    private void writeBuilder() throws IOException {
        ByteBuffer data = builder.dataBuffer();
        out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
