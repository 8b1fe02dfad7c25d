package org.kfm.projection.validate;

import java.util.Objects;
import java.util.Optional;
import org.kfm.projection.db.PgIdentifier;

/**
 * How strict parity is.
 *
 * @param targetSrid           the SRID every geometry must have (rule 4)
 * @param invalidPolicy        what invalid and empty geometries mean (rule 4)
 * @param liveDigestPolicy     what a digest changed against live means (rule 3)
 * @param bboxToleranceDegrees how far (degrees) an extent may exceed the catalog bbox (rule 5)
 * @param minShrinkFraction    shadow total rows must be at least this fraction of live total rows (rule 6)
 * @param allowShrink          when true a shrink beyond the guard is a warning, not a failure
 * @param readerRole           the role that must be able to read the shadow (rule 7); validated as a
 *                             {@link PgIdentifier}
 */
public record ParityPolicy(int targetSrid, InvalidGeometryPolicy invalidPolicy, DigestChangePolicy liveDigestPolicy,
                           double bboxToleranceDegrees, double minShrinkFraction, boolean allowShrink,
                           Optional<String> readerRole) {
    public static final double DEFAULT_BBOX_TOLERANCE = 1e-6;
    public static final double DEFAULT_MIN_SHRINK_FRACTION = 0.9;

    public ParityPolicy {
        Objects.requireNonNull(invalidPolicy, "invalidPolicy");
        Objects.requireNonNull(liveDigestPolicy, "liveDigestPolicy");
        Objects.requireNonNull(readerRole, "readerRole");
        if (targetSrid <= 0) {
            throw new IllegalArgumentException("target SRID must be positive: " + targetSrid);
        }
        if (!(bboxToleranceDegrees >= 0) || Double.isInfinite(bboxToleranceDegrees)) {
            throw new IllegalArgumentException("bbox tolerance must be a finite number >= 0: " + bboxToleranceDegrees);
        }
        if (!(minShrinkFraction >= 0 && minShrinkFraction <= 1)) {
            throw new IllegalArgumentException("minimum shrink fraction must be within [0, 1]: " + minShrinkFraction);
        }
        readerRole.ifPresent(PgIdentifier::of);
    }

    /** The defaults: report invalid geometries, fail on changed digests, 1e-6° tolerance, 0.9 shrink guard, no reader. */
    public static ParityPolicy defaults(int targetSrid) {
        return new ParityPolicy(targetSrid, InvalidGeometryPolicy.REPORT, DigestChangePolicy.FAIL,
                DEFAULT_BBOX_TOLERANCE, DEFAULT_MIN_SHRINK_FRACTION, false, Optional.empty());
    }

    public ParityPolicy withInvalidPolicy(InvalidGeometryPolicy policy) {
        return new ParityPolicy(targetSrid, policy, liveDigestPolicy, bboxToleranceDegrees, minShrinkFraction,
                allowShrink, readerRole);
    }

    public ParityPolicy withLiveDigestPolicy(DigestChangePolicy policy) {
        return new ParityPolicy(targetSrid, invalidPolicy, policy, bboxToleranceDegrees, minShrinkFraction,
                allowShrink, readerRole);
    }

    public ParityPolicy withShrinkGuard(double fraction, boolean allow) {
        return new ParityPolicy(targetSrid, invalidPolicy, liveDigestPolicy, bboxToleranceDegrees, fraction, allow,
                readerRole);
    }

    public ParityPolicy withReaderRole(String role) {
        return new ParityPolicy(targetSrid, invalidPolicy, liveDigestPolicy, bboxToleranceDegrees, minShrinkFraction,
                allowShrink, Optional.of(role));
    }
}
