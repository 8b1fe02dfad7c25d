package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kfm.projection.error.BadInputException;
import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.Crs;
import org.wololo.flatgeobuf.generated.GeometryType;
import org.wololo.flatgeobuf.generated.Header;

/**
 * Streams a FlatGeobuf file feature by feature: magic bytes, size-prefixed header, the optional spatial
 * index (read and discarded, never skipped, so a checksum-verifying stream sees every byte), then
 * size-prefixed features until the end of the stream. The header's CRS, when present, must be the EPSG
 * code the catalog declares. Ids come from the configured id property's column, else from a column
 * named {@code id} (what GDAL writes for GeoJSON string ids).
 */
final class FlatGeobufReader implements FeatureReader {
    private static final int MAX_HEADER_BYTES = 16 << 20;
    private static final int MAX_FEATURE_BYTES = 1 << 30;
    private static final int WGS84_3D = 4979;

    private final InputStream in;
    private final JsonFactory factory;
    private final ReaderContext ctx;
    private final GeometryTransformer transformer;
    private final ShapeAssembler assembler;
    private final FlatGeobufGeometryDecoder decoder;
    private final byte[] prefix = new byte[8];
    private final org.wololo.flatgeobuf.generated.Feature fgbFeature = new org.wololo.flatgeobuf.generated.Feature();
    private byte[] buffer = new byte[64 * 1024];
    private FlatGeobufProperties properties;
    private String idColumnName;
    private int headerGeometryType;
    private long declaredCount;
    private long offset;
    private long position;
    private boolean done;

    FlatGeobufReader(InputStream in, JsonFactory factory, ReaderContext ctx, GeometryTransformer transformer) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.factory = factory;
        this.ctx = ctx;
        this.transformer = transformer;
        this.assembler = new ShapeAssembler(ctx.sourceEpsg());
        this.decoder = new FlatGeobufGeometryDecoder(assembler.factory(), ctx.unclosedRings());
    }

    @Override
    public Feature next() {
        if (done) {
            return null;
        }
        try {
            if (properties == null) {
                readHeader();
            }
            return readFeature();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ctx.artifact() + ": " + e.getMessage(), e);
        }
    }

    private void readHeader() throws IOException {
        readFully(prefix, 8, "the magic bytes");
        if (prefix[0] != 'f' || prefix[1] != 'g' || prefix[2] != 'b' || prefix[3] != 3 || prefix[4] != 'f'
                || prefix[5] != 'g' || prefix[6] != 'b') {
            throw malformed("header", "not a FlatGeobuf 3 file (the magic bytes are wrong)", null);
        }
        int size = readSize("the header", MAX_HEADER_BYTES);
        Header header = Header.getRootAsHeader(ByteBuffer.wrap(read(size, "the header"), 0, size));
        try {
            checkCrs(header.crs());
            headerGeometryType = header.geometryType();
            declaredCount = header.featuresCount();
            properties = columns(header);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw malformed("header", "the header cannot be decoded: " + e, e);
        }
        if (header.indexNodeSize() > 0 && declaredCount > 0) {
            discard(PackedRTree.calcSize(Math.toIntExact(declaredCount), header.indexNodeSize()));
        }
    }

    private void checkCrs(Crs crs) {
        if (crs == null || crs.code() == 0) {
            return;
        }
        String org = crs.org() == null ? "EPSG" : crs.org();
        // GDAL labels 3D WGS 84 data EPSG:4979 (WGS 84 with ellipsoidal height): same horizontal CRS as 4326.
        boolean same = crs.code() == ctx.sourceEpsg() || crs.code() == WGS84_3D && ctx.sourceEpsg() == ReaderContext.WGS84;
        if (!"EPSG".equalsIgnoreCase(org) || !same) {
            throw new BadInputException(FeatureRules.CRS_MISMATCH, ctx.artifact(), "header",
                    "the file's CRS is " + org + ":" + crs.code() + " but the catalog declares EPSG:"
                            + ctx.sourceEpsg() + "; fix the item's proj:epsg/proj:code or the file");
        }
    }

    private FlatGeobufProperties columns(Header header) {
        int n = header.columnsLength();
        String[] names = new String[n];
        int[] types = new int[n];
        String wanted = ctx.featureIdProperty().orElse("id");
        int idColumn = -1;
        for (int i = 0; i < n; i++) {
            names[i] = header.columns(i).name();
            types[i] = header.columns(i).type();
            if (names[i].equals(wanted)) {
                idColumn = i;
            }
        }
        idColumnName = idColumn >= 0 ? wanted : null;
        return new FlatGeobufProperties(factory, names, types, idColumn);
    }

    private Feature readFeature() throws IOException {
        int got = in.readNBytes(prefix, 0, 4);
        if (got == 0) {
            if (declaredCount > 0 && declaredCount != position) {
                throw malformed("end of file", "the header declares " + declaredCount + " features but the file "
                        + "holds " + position + " (truncated?)", null);
            }
            done = true;
            return null;
        }
        if (got < 4) {
            throw malformed(featurePosition(null), "the file ends inside a feature's size prefix (truncated)", null);
        }
        offset += 4;
        int size = ByteBuffer.wrap(prefix, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (size <= 0 || size > MAX_FEATURE_BYTES) {
            throw malformed(featurePosition(null), "a feature claims " + Integer.toUnsignedString(size)
                    + " bytes; the file is corrupt", null);
        }
        long start = offset;
        byte[] bytes = read(size, "a feature");
        long index = position;
        Geometry geometry;
        byte[] props;
        try {
            org.wololo.flatgeobuf.generated.Feature.getRootAsFeature(ByteBuffer.wrap(bytes, 0, size), fgbFeature);
            ByteBuffer propertyBytes = fgbFeature.propertiesAsByteBuffer();
            props = propertyBytes == null ? properties.decode(ByteBuffer.allocate(0)) : properties.decode(propertyBytes);
            geometry = geometry(index, start);
        } catch (BadInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(FeatureRules.MALFORMED_GEOMETRY, ctx.artifact(), position(index, start,
                    properties.idValue()), "the geometry is not well formed: " + e.getMessage(), e);
        } catch (RuntimeException | IOException e) {
            throw malformed(position(index, start, properties.idValue()), "the feature cannot be decoded: " + e, e);
        }
        String id = id(index, start);
        if (properties.problem() != null) {
            throw text(index, start, id, properties.problem());
        }
        position++;
        return new Feature(index, id, geometry, props, decoder.takeClosedRings());
    }

    /** A property PostgreSQL could not store; invalid UTF-8 breaks the format, a NUL is merely unstorable. */
    private BadInputException text(long index, long start, String id, FlatGeobufProperties.TextProblem problem) {
        boolean utf8 = problem.kind() == JsonText.Kind.INVALID_UTF8;
        return new BadInputException(utf8 ? FeatureRules.MALFORMED_FLATGEOBUF : FeatureRules.UNSTORABLE_TEXT,
                ctx.artifact(), position(index, start, id) + ", pointer " + JsonText.printable(problem.pointer()),
                "the property's text contains " + problem.kind().description()
                        + "; fix it upstream and promote a new version");
    }

    private Geometry geometry(long index, long start) {
        org.wololo.flatgeobuf.generated.Geometry g = fgbFeature.geometry();
        if (g == null) {
            throw new BadInputException(FeatureRules.MISSING_GEOMETRY, ctx.artifact(),
                    position(index, start, properties.idValue()), "the feature has no geometry");
        }
        int type = headerGeometryType == GeometryType.Unknown ? g.type() : headerGeometryType;
        Geometry geometry;
        try {
            geometry = decoder.decode(g, type);
        } catch (UnsupportedOperationException e) {
            throw new BadInputException(FeatureRules.UNSUPPORTED_GEOMETRY_TYPE, ctx.artifact(),
                    position(index, start, properties.idValue()), e.getMessage(), e);
        }
        Optional<String> problem = transformer.apply(geometry);
        if (problem.isPresent()) {
            throw new BadInputException(FeatureRules.COORDINATE_OUT_OF_RANGE, ctx.artifact(),
                    position(index, start, properties.idValue()), problem.get());
        }
        return geometry;
    }

    private String id(long index, long start) {
        String id = properties.idValue();
        if (id == null || id.isEmpty()) {
            throw new BadInputException(id == null ? FeatureRules.MISSING_FEATURE_ID : FeatureRules.INVALID_FEATURE_ID,
                    ctx.artifact(), position(index, start, null), idColumnName == null
                            ? "the file has no \"" + ctx.featureIdProperty().orElse("id") + "\" column to take ids from;"
                                    + " set the item's kfm:feature_id_property to the id column"
                            : "the feature has no value (or an empty one) in the id column \"" + idColumnName + "\"");
        }
        int bad = JsonText.find(id);
        if (bad >= 0) {
            throw new BadInputException(FeatureRules.INVALID_FEATURE_ID, ctx.artifact(), position(index, start, null)
                    + ", pointer /properties/" + idColumnName, "the id \"" + JsonText.printable(id) + "\" contains "
                    + JsonText.kindOf(id.charAt(bad)).description());
        }
        return id;
    }

    private int readSize(String what, int max) throws IOException {
        readFully(prefix, 4, what + " size");
        int size = ByteBuffer.wrap(prefix, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (size <= 0 || size > max) {
            throw malformed("header", what + " claims " + Integer.toUnsignedString(size) + " bytes", null);
        }
        return size;
    }

    private byte[] read(int size, String what) throws IOException {
        if (buffer.length < size) {
            buffer = new byte[Math.max(size, buffer.length * 2)];
        }
        readFully(buffer, size, what);
        return buffer;
    }

    private void readFully(byte[] b, int n, String what) throws IOException {
        int got = in.readNBytes(b, 0, n);
        if (got < n) {
            throw malformed("byte offset " + (offset + got), "the file ends inside " + what + " (truncated)", null);
        }
        offset += n;
    }

    private void discard(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long left = n;
        while (left > 0) {
            int got = in.readNBytes(scratch, 0, (int) Math.min(scratch.length, left));
            if (got == 0) {
                throw malformed("byte offset " + offset, "the file ends inside the spatial index (truncated)", null);
            }
            left -= got;
            offset += got;
        }
    }

    private String featurePosition(String id) {
        return position(position, offset, id);
    }

    private static String position(long index, long byteOffset, String id) {
        return "feature " + index + (id == null ? "" : " (id \"" + id + "\")") + ", byte offset " + byteOffset;
    }

    private BadInputException malformed(String position, String detail, Throwable cause) {
        return new BadInputException(FeatureRules.MALFORMED_FLATGEOBUF, ctx.artifact(), position, detail, cause);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
