package org.kfm.projection.feature;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes geometries as PostGIS extended WKB: little-endian (NDR), SRID on the outer geometry, Z when the
 * geometry has it. The bytes are what {@code ST_AsEWKB(geom)} returns for the same geometry, so a digest
 * computed on them while loading can be compared with one computed in SQL. Not thread-safe (one per loader
 * thread).
 */
public final class EwkbWriter {
    private final WKBWriter writer2d = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private final WKBWriter writer3d = new WKBWriter(3, ByteOrderValues.LITTLE_ENDIAN, true);
    private final ZFinder zFinder = new ZFinder();

    /** The EWKB bytes of {@code geometry}, whose SRID must already be set. */
    public byte[] write(Geometry geometry) {
        return (hasZ(geometry) ? writer3d : writer2d).write(geometry);
    }

    /** True when some coordinate carries a Z value (a Z of NaN counts as absent, as in JTS). */
    public boolean hasZ(Geometry geometry) {
        zFinder.found = false;
        geometry.apply(zFinder);
        return zFinder.found;
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
