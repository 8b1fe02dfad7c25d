package org.kfm.projection.feature;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes geometries as PostGIS extended WKB: little-endian (NDR), SRID on the outer geometry, Z when the
 * geometry has it. The bytes are what {@code ST_AsEWKB(geom)} returns for the same geometry, so a digest
 * computed on them while loading can be compared with one computed in SQL. Not thread-safe (one per loader
 * thread).
 *
 * <p>The encoder is our own rather than JTS's {@code WKBWriter}, which goes through a synchronized
 * {@code ByteArrayOutputStream} one ordinate at a time and copies the result out (about 8% of the
 * loader's CPU at a million features): {@link #encode} fills one reused buffer, which the loader hands
 * to the digest and the COPY row as it is. The output is the same byte for byte (JTS's writer serves as
 * the reference in {@code EwkbWriterTest}): NaN ordinates for an empty point, canonical NaN bits, no
 * SRID or SRID flag on parts, the Z flag on every part of a 3D geometry.
 */
public final class EwkbWriter {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int Z_FLAG = 0x80000000;
    private static final int SRID_FLAG = 0x20000000;

    private final ZFinder zFinder = new ZFinder();
    private byte[] buf = new byte[1024];
    private int pos;

    /** The EWKB bytes of {@code geometry}, whose SRID must already be set, in a new array. */
    public byte[] write(Geometry geometry) {
        return Arrays.copyOf(buf, encode(geometry));
    }

    /**
     * Encodes {@code geometry} into this writer's buffer ({@link #buffer()}), valid until the next call.
     *
     * @return the number of bytes written, from offset 0
     */
    public int encode(Geometry geometry) {
        pos = 0;
        geometry(geometry, true, hasZ(geometry));
        return pos;
    }

    /** The buffer {@link #encode} filled; its first {@code encode}-returned bytes are the EWKB. */
    public byte[] buffer() {
        return buf;
    }

    /** True when some coordinate carries a Z value (a Z of NaN counts as absent, as in JTS). */
    public boolean hasZ(Geometry geometry) {
        zFinder.found = false;
        geometry.apply(zFinder);
        return zFinder.found;
    }

    private void geometry(Geometry g, boolean outer, boolean z) {
        int type = typeCode(g);
        ensure(9);
        buf[pos++] = 1; // NDR
        putInt(type | (z ? Z_FLAG : 0) | (outer ? SRID_FLAG : 0));
        if (outer) {
            putInt(g.getSRID());
        }
        switch (type) {
            case 1 -> point((Point) g, z);
            case 2 -> sequence(((LineString) g).getCoordinateSequence(), z);
            case 3 -> polygon((Polygon) g, z);
            default -> {
                int n = g.getNumGeometries();
                putInt(n);
                for (int i = 0; i < n; i++) {
                    geometry(g.getGeometryN(i), false, z);
                }
            }
        }
    }

    private static int typeCode(Geometry g) {
        // subclasses first: MultiPoint and friends are GeometryCollections
        if (g instanceof Point) {
            return 1;
        } else if (g instanceof LineString) {
            return 2;
        } else if (g instanceof Polygon) {
            return 3;
        } else if (g instanceof MultiPoint) {
            return 4;
        } else if (g instanceof MultiLineString) {
            return 5;
        } else if (g instanceof MultiPolygon) {
            return 6;
        } else if (g instanceof GeometryCollection) {
            return 7;
        }
        throw new IllegalArgumentException("no WKB type for " + g.getGeometryType());
    }

    private void point(Point p, boolean z) {
        if (p.isEmpty()) {
            ensure(24);
            putDouble(Double.NaN);
            putDouble(Double.NaN);
            if (z) {
                putDouble(Double.NaN);
            }
            return;
        }
        coordinates(p.getCoordinateSequence(), z);
    }

    private void polygon(Polygon p, boolean z) {
        if (p.isEmpty()) {
            putInt(0);
            return;
        }
        int holes = p.getNumInteriorRing();
        putInt(holes + 1);
        sequence(p.getExteriorRing().getCoordinateSequence(), z);
        for (int i = 0; i < holes; i++) {
            sequence(p.getInteriorRingN(i).getCoordinateSequence(), z);
        }
    }

    private void sequence(CoordinateSequence seq, boolean z) {
        putInt(seq.size());
        coordinates(seq, z);
    }

    private void coordinates(CoordinateSequence seq, boolean z) {
        int n = seq.size();
        ensure(n * (z ? 24 : 16));
        boolean seqZ = seq.hasZ();
        for (int i = 0; i < n; i++) {
            putDouble(seq.getX(i));
            putDouble(seq.getY(i));
            if (z) {
                putDouble(seqZ ? seq.getZ(i) : Double.NaN);
            }
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private void putInt(int v) {
        ensure(4);
        INT_LE.set(buf, pos, v);
        pos += 4;
    }

    /** Canonical NaN bits, as JTS's {@code ByteOrderValues.putDouble} writes them. */
    private void putDouble(double v) {
        LONG_LE.set(buf, pos, Double.doubleToLongBits(v));
        pos += 8;
    }

    private static final class ZFinder implements CoordinateSequenceFilter {
        private boolean found;

        @Override
        public void filter(CoordinateSequence seq, int i) {
            found = seq.hasZ() && !Double.isNaN(seq.getZ(i));
        }

        @Override
        public boolean isDone() {
            return found;
        }

        @Override
        public boolean isGeometryChanged() {
            return false;
        }
    }
}
