package org.kfm.projection.validate;

import java.util.Objects;
import java.util.Optional;

/**
 * What parity found for one dataset version of a generation, as the orchestrator records it
 * (from {@link ParityReport#recordedVersions()}) so the next rebuild can compare with it without
 * scanning that generation again.
 *
 * @param datasetVersionId the dataset version
 * @param rows             rows in {@code feature_geom}
 * @param digest           the SQL geometry digest (after repair, when geometries were repaired)
 * @param extent           the WGS 84 extent of geometries with the target SRID; empty when none
 */
public record RecordedVersion(String datasetVersionId, long rows, String digest, Optional<Extent> extent) {
    public RecordedVersion {
        Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(extent, "extent");
        if (rows < 0) {
            throw new IllegalArgumentException(datasetVersionId + ": rows must be >= 0: " + rows);
        }
    }
}
