package org.kfm.projection.bench.synth;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

/**
 * Deterministic stream of synthetic Kansas features for one dataset: the same seed gives the same features on
 * any JVM ({@link SplittableRandom} is specified bit for bit). Mix: 30% points, 20% lines, 15% polygons with a
 * hole, 10% plain polygons, 5% multipoints, 10% multilines, 10% multipolygons. Coordinates are rounded as the
 * {@link CoordinatePrecision} says (by default to 1e-6 degree), or at full precision are the computed doubles
 * themselves; either way the same seed draws the same random numbers, so only the coordinates' digits differ.
 * Polygons are star-shaped around their centre (radii 0.7 to 1 of the polygon's radius) with a hole of 0.3 of
 * it, so all are valid whatever the precision; a ring's closing position is a copy of its first.
 */
final class SyntheticFeatures {
    private static final double MIN_LON = -101.9;
    private static final double MAX_LON = -94.7;
    private static final double MIN_LAT = 37.1;
    private static final double MAX_LAT = 39.9;
    private static final String[] CATEGORIES = {"road", "river", "parcel", "well", "boundary"};

    private final GeometryFactory jts = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    private final SplittableRandom random;
    private final String idPrefix;
    private final CoordinatePrecision precision;
    private long next;

    SyntheticFeatures(long seed, String idPrefix, CoordinatePrecision precision) {
        this.random = new SplittableRandom(seed);
        this.idPrefix = idPrefix;
        this.precision = precision;
    }

    SyntheticFeature next() {
        long i = next++;
        int roll = random.nextInt(100);
        double lon = between(MIN_LON, MAX_LON);
        double lat = between(MIN_LAT, MAX_LAT);
        Geometry g;
        String kind;
        if (roll < 30) {
            kind = "point";
            g = point(lon, lat);
        } else if (roll < 50) {
            kind = "line";
            g = line(lon, lat);
        } else if (roll < 65) {
            kind = "polygon";
            g = polygon(lon, lat, true);
        } else if (roll < 75) {
            kind = "polygon";
            g = polygon(lon, lat, false);
        } else if (roll < 80) {
            kind = "multipoint";
            g = jts.createMultiPoint(new Point[] {point(lon, lat), point(lon + 0.01, lat), point(lon, lat + 0.01)});
        } else if (roll < 90) {
            kind = "multiline";
            g = jts.createMultiLineString(new LineString[] {line(lon, lat), line(lon + 0.05, lat + 0.05)});
        } else {
            kind = "multipolygon";
            g = jts.createMultiPolygon(new Polygon[] {polygon(lon, lat, true), polygon(lon + 0.1, lat, false)});
        }
        return new SyntheticFeature(idPrefix + i, g, "Synthetic " + kind + " " + i,
                CATEGORIES[random.nextInt(CATEGORIES.length)], round(random.nextDouble() * 1000, 1e3),
                random.nextInt(1_000_000), random.nextBoolean());
    }

    private Point point(double lon, double lat) {
        double[] xy = {coordinate(lon), coordinate(lat)};
        return jts.createPoint(new PackedCoordinateSequence.Double(xy, 2, 0));
    }

    private LineString line(double lon, double lat) {
        int n = 2 + random.nextInt(7);
        double[] xy = new double[2 * n];
        double x = lon;
        double y = lat;
        for (int k = 0; k < n; k++) {
            xy[2 * k] = coordinate(x);
            xy[2 * k + 1] = coordinate(y);
            x += between(0.001, 0.02);
            y += between(-0.01, 0.01);
        }
        return jts.createLineString(new PackedCoordinateSequence.Double(xy, 2, 0));
    }

    private Polygon polygon(double lon, double lat, boolean withHole) {
        int n = 5 + random.nextInt(6);
        double radius = between(0.005, 0.03);
        double[] radii = new double[n];
        for (int k = 0; k < n; k++) {
            radii[k] = radius * between(0.7, 1.0);
        }
        LinearRing shell = ring(lon, lat, radii, false);
        if (!withHole) {
            return jts.createPolygon(shell);
        }
        double[] hole = {radius * 0.3, radius * 0.3, radius * 0.3, radius * 0.3};
        return jts.createPolygon(shell, new LinearRing[] {ring(lon, lat, hole, true)});
    }

    /** A star-shaped ring around (lon, lat); counter-clockwise for shells, clockwise for holes (RFC 7946). */
    private LinearRing ring(double lon, double lat, double[] radii, boolean clockwise) {
        int n = radii.length;
        double[] xy = new double[2 * (n + 1)];
        for (int k = 0; k < n; k++) {
            double angle = 2 * StrictMath.PI * k / n * (clockwise ? -1 : 1);
            xy[2 * k] = coordinate(lon + radii[k] * StrictMath.cos(angle));
            xy[2 * k + 1] = coordinate(lat + radii[k] * StrictMath.sin(angle));
        }
        xy[2 * n] = xy[0];
        xy[2 * n + 1] = xy[1];
        return jts.createLinearRing(new PackedCoordinateSequence.Double(xy, 2, 0));
    }

    private double between(double min, double max) {
        return min + random.nextDouble() * (max - min);
    }

    private double coordinate(double v) {
        return precision.apply(v);
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
