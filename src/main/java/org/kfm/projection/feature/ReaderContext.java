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
 * @param refuseDuplicateIds whether the reader itself refuses an id used twice in the artifact
 *     ({@code duplicate-feature-id}, naming both features). That needs every id in memory, about
 *     47 MB per million ids; the loader turns it off because the table's primary key finds
 *     duplicates without a memory bound (docs/loader.md)
 * @param unclosedRings what to do with a polygon ring whose last position is not its first
 */
public record ReaderContext(String artifact, int sourceEpsg, int targetEpsg, Optional<String> featureIdProperty,
                            boolean refuseDuplicateIds, UnclosedRingPolicy unclosedRings) {
    public static final int WGS84 = 4326;

    public ReaderContext {
        Objects.requireNonNull(artifact, "artifact");
        featureIdProperty = featureIdProperty == null ? Optional.empty() : featureIdProperty;
        Objects.requireNonNull(unclosedRings, "unclosedRings");
    }

    /** A context whose reader refuses duplicate ids itself and unclosed rings. */
    public ReaderContext(String artifact, int sourceEpsg, int targetEpsg, Optional<String> featureIdProperty) {
        this(artifact, sourceEpsg, targetEpsg, featureIdProperty, true, UnclosedRingPolicy.REJECT);
    }

    /** The same context, leaving duplicate ids to whoever stores the features. */
    public ReaderContext withoutDuplicateCheck() {
        return new ReaderContext(artifact, sourceEpsg, targetEpsg, featureIdProperty, false, unclosedRings);
    }

    /** The same context with another policy for unclosed rings. */
    public ReaderContext withUnclosedRings(UnclosedRingPolicy policy) {
        return new ReaderContext(artifact, sourceEpsg, targetEpsg, featureIdProperty, refuseDuplicateIds, policy);
    }

    /** An artifact in {@code sourceEpsg} read into WGS 84, ids from the {@code id} member only. */
    public ReaderContext(String artifact, int sourceEpsg) {
        this(artifact, sourceEpsg, WGS84, Optional.empty());
    }
}
