package org.kfm.projection.feature;

import java.util.Optional;
import org.kfm.projection.error.BadInputException;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Transforms geometries in place from one EPSG code to another with proj4j, and checks every coordinate on
 * the way: finite, transformable, within lon/lat range when the source or target is geographic, and mapping
 * back to itself. The round trip matters: proj4j's inverse projections return plausible-looking lon/lat for
 * input far outside their domain (UTM northing 1e12 lands at 32°N). It costs a second transform per
 * coordinate (about 0.3 µs), for transformed artifacts only. The identity (source equals target) only checks. Built once per (source, target) pair and reused for every
 * feature of a reader; not thread-safe (proj4j transforms keep scratch state).
 */
public final class GeometryTransformer {
    private final int sourceEpsg;
    private final int targetEpsg;
    private final CoordinateTransform transform;
    private final CoordinateTransform inverse;
    private final double roundTripTolerance;
    private final String sourceRole;
    private final String targetRole;
    private final boolean sourceGeographic;
    private final boolean targetGeographic;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();
    private final ProjCoordinate back = new ProjCoordinate();
    private final RangeFilter filter = new RangeFilter();

    private GeometryTransformer(int sourceEpsg, int targetEpsg, CoordinateTransform transform,
            CoordinateTransform inverse, boolean sourceGeographic, boolean targetGeographic) {
        this.sourceEpsg = sourceEpsg;
        this.targetEpsg = targetEpsg;
        this.transform = transform;
        this.inverse = inverse;
        // 1e-7 degree is about 1 cm; 1e-3 of a projected unit is a millimetre (or foot/1000). Valid input
        // round-trips to ~1e-9; input outside the projection's domain misses by kilometres.
        this.roundTripTolerance = sourceGeographic ? 1e-7 : 1e-3;
        this.sourceRole = "source EPSG:" + sourceEpsg;
        this.targetRole = "target EPSG:" + targetEpsg;
        this.sourceGeographic = sourceGeographic;
        this.targetGeographic = targetGeographic;
    }

    /**
     * Builds the transformer for a pair of EPSG codes.
     *
     * @param artifact named in the error message
     * @throws BadInputException rule {@code unknown-crs} when proj4j does not know (or cannot build) either code
     */
    public static GeometryTransformer create(int sourceEpsg, int targetEpsg, String artifact) {
        CRSFactory factory = new CRSFactory();
        CoordinateReferenceSystem source = crs(factory, sourceEpsg, artifact, "source");
        CoordinateReferenceSystem target = sourceEpsg == targetEpsg ? source : crs(factory, targetEpsg, artifact,
                "target");
        CoordinateTransformFactory transforms = new CoordinateTransformFactory();
        CoordinateTransform transform = sourceEpsg == targetEpsg ? null : transforms.createTransform(source, target);
        CoordinateTransform inverse = sourceEpsg == targetEpsg ? null : transforms.createTransform(target, source);
        return new GeometryTransformer(sourceEpsg, targetEpsg, transform, inverse, geographic(source),
                geographic(target));
    }

    private static CoordinateReferenceSystem crs(CRSFactory factory, int epsg, String artifact, String role) {
        String name = "EPSG:" + epsg;
        try {
            CoordinateReferenceSystem crs = epsg > 0 ? factory.createFromName(name) : null;
            if (crs != null) {
                return crs;
            }
        } catch (Proj4jException | IllegalStateException e) {
            throw unknown(artifact, name, role, e);
        }
        throw unknown(artifact, name, role, null);
    }

    private static BadInputException unknown(String artifact, String name, String role, Throwable cause) {
        return new BadInputException(FeatureRules.UNKNOWN_CRS, artifact, "",
                "the " + role + " CRS " + name + " is not known to proj4j"
                        + (cause == null ? "" : " (" + cause.getMessage() + ")")
                        + "; declare a valid EPSG code in the item's proj:epsg or proj:code", cause);
    }

    private static boolean geographic(CoordinateReferenceSystem crs) {
        return Boolean.TRUE.equals(crs.isGeographic());
    }

    public int sourceEpsg() {
        return sourceEpsg;
    }

    public int targetEpsg() {
        return targetEpsg;
    }

    public boolean isIdentity() {
        return transform == null;
    }

    /**
     * Transforms {@code geometry} in place and sets its SRID to the target EPSG code.
     *
     * @return empty when every coordinate was fine, else a description of the first bad coordinate (the
     *     geometry is then partly transformed and must not be used)
     */
    public Optional<String> apply(Geometry geometry) {
        filter.problem = null;
        geometry.apply(filter);
        geometry.setSRID(targetEpsg);
        if (transform != null) {
            geometry.geometryChanged();
        }
        return Optional.ofNullable(filter.problem);
    }

    /**
     * Like {@link #apply(Geometry)}, throwing instead of returning the problem.
     *
     * @throws BadInputException rule {@code coordinate-out-of-range} naming {@code position} and the coordinate
     */
    public Geometry transform(Geometry geometry, String artifact, String position) {
        Optional<String> problem = apply(geometry);
        if (problem.isPresent()) {
            throw new BadInputException(FeatureRules.COORDINATE_OUT_OF_RANGE, artifact, position, problem.get());
        }
        return geometry;
    }

    /** Returns null when the coordinate is fine, else why not. */
    private String check(double x, double y, boolean geographic, String crsRole) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return "coordinate (" + x + " " + y + ") is not finite in the " + crsRole + " CRS";
        }
        if (geographic && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
            return "coordinate (" + x + " " + y + ") is outside longitude [-180, 180] / latitude [-90, 90] in the "
                    + crsRole + " CRS";
        }
        return null;
    }

    private final class RangeFilter implements CoordinateSequenceFilter {
        private String problem;

        @Override
        public void filter(CoordinateSequence seq, int i) {
            double x = seq.getOrdinate(i, 0);
            double y = seq.getOrdinate(i, 1);
            String bad = check(x, y, sourceGeographic, sourceRole);
            if (bad == null && seq.hasZ() && seq.getDimension() > 2 && Double.isInfinite(seq.getOrdinate(i, 2))) {
                bad = "coordinate (" + x + " " + y + " " + seq.getOrdinate(i, 2) + ") has a non-finite Z";
            }
            if (bad == null && transform != null) {
                bad = transformOne(seq, i, x, y);
            }
            problem = bad;
        }

        private String transformOne(CoordinateSequence seq, int i, double x, double y) {
            in.x = x;
            in.y = y;
            try {
                transform.transform(in, out);
                inverse.transform(out, back);
            } catch (Proj4jException | ArithmeticException e) {
                return "coordinate (" + x + " " + y + ") cannot be transformed from EPSG:" + sourceEpsg + " to EPSG:"
                        + targetEpsg + ": " + e.getMessage();
            }
            String bad = check(out.x, out.y, targetGeographic, targetRole);
            if (bad != null) {
                return "coordinate (" + x + " " + y + ") in EPSG:" + sourceEpsg + " transforms to an invalid one: "
                        + bad;
            }
            if (!(Math.abs(back.x - x) <= roundTripTolerance && Math.abs(back.y - y) <= roundTripTolerance)) {
                return "coordinate (" + x + " " + y + ") is outside where EPSG:" + sourceEpsg + " is defined: it "
                        + "transforms to (" + out.x + " " + out.y + "), which maps back to (" + back.x + " " + back.y
                        + ")";
            }
            seq.setOrdinate(i, 0, out.x);
            seq.setOrdinate(i, 1, out.y);
            return null;
        }

        @Override
        public boolean isDone() {
            return problem != null;
        }

        @Override
        public boolean isGeometryChanged() {
            return transform != null;
        }
    }
}
