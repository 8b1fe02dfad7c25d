package org.kfm.projection.feature;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FeatureReader} needs to know about the artifact it reads.
 *
 * @param artifact URI string of the artifact, used in error messages and evidence references
 * @param sourceEpsg EPSG code the catalog declares for the artifact ({@code proj:epsg} / {@code proj:code})
 * @param targetEpsg EPSG code of the projection's geometries (4326 unless configured)
 * @param featureIdProperty the item's {@code kfm:feature_id_property}: which property holds the feature id
 *     when the GeoJSON {@code id} member is absent (for FlatGeobuf: which column holds it)
 * @param unclosedRings what to do with a polygon ring whose last position is not its first
 *
 * <p>Readers do not look for duplicate ids: that would need every id in memory (about 47 MB per
 * million); the projection's primary key finds them without a memory bound (docs/loader.md).
 */
public record ReaderContext(String artifact, int sourceEpsg, int targetEpsg, Optional<String> featureIdProperty,
                            UnclosedRingPolicy unclosedRings) {
    public static final int WGS84 = 4326;

    public ReaderContext {
        Objects.requireNonNull(artifact, "artifact");
        featureIdProperty = featureIdProperty == null ? Optional.empty() : featureIdProperty;
        Objects.requireNonNull(unclosedRings, "unclosedRings");
    }

    /** A context whose reader refuses unclosed rings. */
    public ReaderContext(String artifact, int sourceEpsg, int targetEpsg, Optional<String> featureIdProperty) {
        this(artifact, sourceEpsg, targetEpsg, featureIdProperty, UnclosedRingPolicy.REJECT);
    }

    /** The same context with another policy for unclosed rings. */
    public ReaderContext withUnclosedRings(UnclosedRingPolicy policy) {
        return new ReaderContext(artifact, sourceEpsg, targetEpsg, featureIdProperty, policy);
    }

    /** An artifact in {@code sourceEpsg} read into WGS 84, ids from the {@code id} member only. */
    public ReaderContext(String artifact, int sourceEpsg) {
        this(artifact, sourceEpsg, WGS84, Optional.empty());
    }
}
