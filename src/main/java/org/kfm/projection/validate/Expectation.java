package org.kfm.projection.validate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the catalog and the loader say about one dataset version; parity checks the shadow against it.
 *
 * @param datasetVersionId {@code kfm:dataset_version_id}
 * @param declaredCount    {@code kfm:feature_count}, the catalog's declared number of features
 * @param featuresRead     how many features the loader read from the artifacts, when it loaded this version
 * @param loadDigest       the geometry digest the loader computed while loading ({@code pghash:<count>:<16 hex>})
 * @param minX             catalog bbox west (WGS 84 degrees); west &gt; east means the box crosses the antimeridian
 * @param minY             catalog bbox south
 * @param maxX             catalog bbox east
 * @param maxY             catalog bbox north
 * @param closedRingCount  features whose unclosed rings the loader closed (0 unless the input policy closes them)
 * @param closedRings      those features as the loader listed them (possibly fewer than the count)
 * @param carried          set when the rows were carried from live instead of loaded: what live's swap
 *                         recorded for them, which the shadow's rows must reproduce
 */
public record Expectation(String datasetVersionId, long declaredCount, OptionalLong featuresRead,
                          Optional<String> loadDigest, double minX, double minY, double maxX, double maxY,
                          long closedRingCount, List<ClosedRing> closedRings, Optional<Carried> carried) {
    /**
     * Rows carried from the live generation (an incremental rebuild).
     *
     * @param from   where they came from, for messages ("live generation 7 (kfm_index)")
     * @param rows   the rows parity recorded for the version when that generation was swapped in
     * @param digest the SQL geometry digest recorded then
     */
    public record Carried(String from, long rows, String digest) {
        public Carried {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(digest, "digest");
        }
    }

    public Expectation {
        Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        Objects.requireNonNull(carried, "carried");
        if (carried.isPresent() && (featuresRead.isPresent() || loadDigest.isPresent())) {
            throw new IllegalArgumentException(datasetVersionId + ": rows are either loaded or carried, not both");
        }
        closedRings = List.copyOf(closedRings);
        if (closedRingCount < closedRings.size()) {
            throw new IllegalArgumentException(datasetVersionId + ": closed ring count " + closedRingCount
                    + " is below the " + closedRings.size() + " listed");
        }
        Objects.requireNonNull(featuresRead, "featuresRead");
        Objects.requireNonNull(loadDigest, "loadDigest");
        if (declaredCount < 0) {
            throw new IllegalArgumentException(datasetVersionId + ": declared count must be >= 0: " + declaredCount);
        }
        if (!Double.isFinite(minX) || !Double.isFinite(minY) || !Double.isFinite(maxX) || !Double.isFinite(maxY)
                || minY > maxY) {
            throw new IllegalArgumentException(datasetVersionId + ": bad bbox [" + minX + ", " + minY + ", " + maxX
                    + ", " + maxY + "]");
        }
    }

    /** What the catalog and loader say about a loaded version. */
    public Expectation(String datasetVersionId, long declaredCount, OptionalLong featuresRead,
                       Optional<String> loadDigest, double minX, double minY, double maxX, double maxY,
                       long closedRingCount, List<ClosedRing> closedRings) {
        this(datasetVersionId, declaredCount, featuresRead, loadDigest, minX, minY, maxX, maxY, closedRingCount,
                closedRings, Optional.empty());
    }

    /** What the catalog and loader say, with no ring closed by the loader. */
    public Expectation(String datasetVersionId, long declaredCount, OptionalLong featuresRead,
                       Optional<String> loadDigest, double minX, double minY, double maxX, double maxY) {
        this(datasetVersionId, declaredCount, featuresRead, loadDigest, minX, minY, maxX, maxY, 0, List.of());
    }

    /** The catalog bbox as an {@link Extent} (crossing the antimeridian when west &gt; east). */
    public Extent bbox() {
        return new Extent(minX, minY, maxX, maxY);
    }
}
