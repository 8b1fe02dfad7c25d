package org.kfm.projection.feature;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

/**
 * Builds JTS geometries from a {@link Shape} and its {@link CoordinateBuffer}. Coordinates go straight into
 * packed double arrays ({@link PackedCoordinateSequence}), without a {@code Coordinate} object per position.
 * The structure has been validated by the parser (ring sizes, closure), so JTS does not throw here.
 */
final class ShapeAssembler {
    private final GeometryFactory factory;

    ShapeAssembler(int srid) {
        this.factory = new GeometryFactory(new PrecisionModel(), srid, PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    }

    GeometryFactory factory() {
        return factory;
    }

    /** The geometry, 3D when any of its positions had a Z value (missing Z values become 0). */
    Geometry build(Shape shape, CoordinateBuffer buffer) {
        return build(shape, buffer, buffer.anyZ() ? 3 : 2);
    }

    private Geometry build(Shape s, CoordinateBuffer b, int dim) {
        return switch (s.kind()) {
            case POINT -> point(b, s.start(), s.ends()[0], dim);
            case LINE_STRING -> factory.createLineString(seq(b, s.start(), s.ends()[0], dim));
            case MULTI_POINT -> multiPoint(b, s.start(), s.ends()[0], dim);
            case POLYGON -> polygon(s, b, dim);
            case MULTI_LINE_STRING -> multiLine(s, b, dim);
            case MULTI_POLYGON -> {
                Polygon[] polygons = new Polygon[s.parts().length];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(s.parts()[i], b, dim);
                }
                yield factory.createMultiPolygon(polygons);
            }
            case GEOMETRY_COLLECTION -> {
                Geometry[] members = new Geometry[s.parts().length];
                for (int i = 0; i < members.length; i++) {
                    members[i] = build(s.parts()[i], b, dim);
                }
                yield factory.createGeometryCollection(members);
            }
        };
    }

    private PackedCoordinateSequence.Double seq(CoordinateBuffer b, int from, int to, int dim) {
        return new PackedCoordinateSequence.Double(b.pack(from, to, dim), dim, 0);
    }

    private Point point(CoordinateBuffer b, int from, int to, int dim) {
        return from == to ? factory.createPoint() : factory.createPoint(seq(b, from, to, dim));
    }

    private Geometry multiPoint(CoordinateBuffer b, int from, int to, int dim) {
        Point[] points = new Point[to - from];
        for (int i = from; i < to; i++) {
            points[i - from] = point(b, i, i + 1, dim);
        }
        return factory.createMultiPoint(points);
    }

    private Polygon polygon(Shape s, CoordinateBuffer b, int dim) {
        int[] ends = s.ends();
        if (ends.length == 0) {
            return factory.createPolygon();
        }
        LinearRing shell = factory.createLinearRing(seq(b, s.start(), ends[0], dim));
        LinearRing[] holes = new LinearRing[ends.length - 1];
        for (int i = 1; i < ends.length; i++) {
            holes[i - 1] = factory.createLinearRing(seq(b, ends[i - 1], ends[i], dim));
        }
        return factory.createPolygon(shell, holes);
    }

    private Geometry multiLine(Shape s, CoordinateBuffer b, int dim) {
        int[] ends = s.ends();
        LineString[] lines = new LineString[ends.length];
        int from = s.start();
        for (int i = 0; i < ends.length; i++) {
            lines[i] = factory.createLineString(seq(b, from, ends[i], dim));
            from = ends[i];
        }
        return factory.createMultiLineString(lines);
    }
}
