package org.kfm.projection.load;

import java.util.List;
import java.util.Objects;

/**
 * One dataset version as loaded: its {@code dataset_version} row and its {@code feature_geom} rows,
 * committed together in one transaction.
 *
 * @param declared the item's {@code kfm:feature_count}
 * @param featuresRead features the readers returned over all assets (equal to {@code declared}, or the
 *     load fails with {@code feature-count-mismatch})
 * @param rowsCopied rows the server reported for the COPY statements ({@code endCopy()})
 * @param geometryDigest {@link GeometryDigest#value()} over every row of the dataset version, comparable
 *     with parity's digest of the same rows in SQL (sql/validate/version_stats.sql)
 * @param assets in the item's asset order (sorted by key)
 */
public record DatasetLoad(String datasetVersionId, long declared, long featuresRead, long rowsCopied,
        String geometryDigest, List<AssetLoad> assets) {
    public DatasetLoad {
        Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        Objects.requireNonNull(geometryDigest, "geometryDigest");
        assets = List.copyOf(assets);
    }
}
