package org.kfm.projection.feature;

import com.google.flatbuffers.DoubleVector;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * Decodes FlatGeobuf geometries straight into packed JTS coordinate sequences. The library's own
 * {@code GeometryConversions.deserialize} creates a {@code Coordinate} per position and does not know
 * GeometryCollection, so we read the flat arrays ourselves: {@code xy} (interleaved), optional {@code z},
 * {@code ends} (ring / line ends, in positions) and {@code parts} (MultiPolygon, GeometryCollection).
 * An unclosed ring is refused or closed as the {@link UnclosedRingPolicy} says (closed rings are counted
 * per feature); JTS rejects a short ring or a one-position LineString with IllegalArgumentException.
 * The reader reports both as malformed geometry.
 */
final class FlatGeobufGeometryDecoder {
    private final GeometryFactory factory;
    private final UnclosedRingPolicy unclosedRings;
    private final DoubleVector xy = new DoubleVector();
    private final DoubleVector z = new DoubleVector();
    private int closedRings;

    FlatGeobufGeometryDecoder(GeometryFactory factory, UnclosedRingPolicy unclosedRings) {
        this.factory = factory;
        this.unclosedRings = unclosedRings;
    }

    /** Rings closed since the last call, which starts the count again (one call per feature). */
    int takeClosedRings() {
        int n = closedRings;
        closedRings = 0;
        return n;
    }

    /**
     * @param type the header's geometry type, or the feature's own when the header says Unknown
     * @throws UnsupportedOperationException for types outside the simple features (curves, TIN...)
     */
    Geometry decode(org.wololo.flatgeobuf.generated.Geometry g, int type) {
        return switch (type) {
            case GeometryType.Point -> point(g, 0, g.xyLength() / 2);
            case GeometryType.MultiPoint -> {
                int n = g.xyLength() / 2;
                Point[] points = new Point[n];
                for (int i = 0; i < n; i++) {
                    points[i] = point(g, i, i + 1);
                }
                yield factory.createMultiPoint(points);
            }
            case GeometryType.LineString -> factory.createLineString(seq(g, 0, g.xyLength() / 2));
            case GeometryType.MultiLineString -> multiLine(g);
            case GeometryType.Polygon -> polygon(g);
            case GeometryType.MultiPolygon -> {
                Polygon[] polygons = new Polygon[g.partsLength()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(g.parts(i));
                }
                yield factory.createMultiPolygon(polygons);
            }
            case GeometryType.GeometryCollection -> {
                Geometry[] members = new Geometry[g.partsLength()];
                for (int i = 0; i < members.length; i++) {
                    org.wololo.flatgeobuf.generated.Geometry part = g.parts(i);
                    members[i] = decode(part, part.type());
                }
                yield factory.createGeometryCollection(members);
            }
            default -> throw new UnsupportedOperationException("FlatGeobuf geometry type "
                    + GeometryType.name(type) + " (" + type + ") is not supported; use simple feature types");
        };
    }

    private Point point(org.wololo.flatgeobuf.generated.Geometry g, int from, int to) {
        return from == to ? factory.createPoint() : factory.createPoint(seq(g, from, to));
    }

    private Geometry multiLine(org.wololo.flatgeobuf.generated.Geometry g) {
        int n = g.endsLength();
        if (n == 0) {
            int size = g.xyLength() / 2;
            return factory.createMultiLineString(size == 0 ? new LineString[0]
                    : new LineString[] {factory.createLineString(seq(g, 0, size))});
        }
        LineString[] lines = new LineString[n];
        int from = 0;
        for (int i = 0; i < n; i++) {
            int to = (int) g.ends(i);
            lines[i] = factory.createLineString(seq(g, from, to));
            from = to;
        }
        return factory.createMultiLineString(lines);
    }

    private Polygon polygon(org.wololo.flatgeobuf.generated.Geometry g) {
        int size = g.xyLength() / 2;
        if (size == 0) {
            return factory.createPolygon();
        }
        int n = Math.max(1, g.endsLength());
        LinearRing[] rings = new LinearRing[n];
        int from = 0;
        for (int i = 0; i < n; i++) {
            int to = g.endsLength() == 0 ? size : (int) g.ends(i);
            rings[i] = factory.createLinearRing(closed(seq(g, from, to), i));
            from = to;
        }
        LinearRing[] holes = new LinearRing[n - 1];
        System.arraycopy(rings, 1, holes, 0, n - 1);
        return factory.createPolygon(rings[0], holes);
    }

    /** The ring as read when closed; else refused, or closed by appending its first position. */
    private PackedCoordinateSequence.Double closed(PackedCoordinateSequence.Double ring, int index) {
        int n = ring.size();
        if (n == 0 || sameAsFirst(ring, n - 1)) {
            return ring;
        }
        if (unclosedRings == UnclosedRingPolicy.REJECT) {
            throw new IllegalArgumentException("ring " + index + " is not closed: its first position (" + ring.getX(0)
                    + " " + ring.getY(0) + ") differs from its last (" + ring.getX(n - 1) + " " + ring.getY(n - 1)
                    + "); to close such rings as GDAL does (appending the first position, each repair listed in the "
                    + "parity report and the receipt), set " + UnclosedRingPolicy.SETTING + " to close");
        }
        int dim = ring.getDimension();
        double[] raw = ring.getRawCoordinates();
        double[] out = java.util.Arrays.copyOf(raw, raw.length + dim);
        System.arraycopy(raw, 0, out, raw.length, dim);
        closedRings++;
        return new PackedCoordinateSequence.Double(out, dim, 0);
    }

    private static boolean sameAsFirst(PackedCoordinateSequence.Double ring, int i) {
        for (int d = 0; d < ring.getDimension(); d++) {
            if (ring.getOrdinate(0, d) != ring.getOrdinate(i, d)) {
                return false;
            }
        }
        return true;
    }

    private PackedCoordinateSequence.Double seq(org.wololo.flatgeobuf.generated.Geometry g, int from, int to) {
        if (from < 0 || to > g.xyLength() / 2 || from > to) {
            throw new IllegalArgumentException("ends (" + from + ".." + to + ") outside the " + g.xyLength() / 2
                    + " positions of the geometry");
        }
        g.xyVector(xy);
        boolean hasZ = g.zLength() > 0;
        if (hasZ) {
            g.zVector(z);
        }
        int dim = hasZ ? 3 : 2;
        double[] out = new double[(to - from) * dim];
        int o = 0;
        for (int i = from; i < to; i++) {
            out[o++] = xy.get(2 * i);
            out[o++] = xy.get(2 * i + 1);
            if (hasZ) {
                out[o++] = z.get(i);
            }
        }
        return new PackedCoordinateSequence.Double(out, dim, 0);
    }
}
