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
 * @param closedRingCount features whose unclosed rings the reader closed ({@code kfm.input.unclosed-ring =
 *     close}); always 0 under the default {@code reject}
 * @param closedRings those features, in load order, the first {@value RingClosures#LISTED} of them
 */
public record DatasetLoad(String datasetVersionId, long declared, long featuresRead, long rowsCopied,
        String geometryDigest, List<AssetLoad> assets, long closedRingCount, List<ClosedRing> closedRings) {
    public DatasetLoad {
        Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        Objects.requireNonNull(geometryDigest, "geometryDigest");
        assets = List.copyOf(assets);
        closedRings = List.copyOf(closedRings);
    }

    /** A dataset version loaded exactly as published. */
    public DatasetLoad(String datasetVersionId, long declared, long featuresRead, long rowsCopied,
            String geometryDigest, List<AssetLoad> assets) {
        this(datasetVersionId, declared, featuresRead, rowsCopied, geometryDigest, assets, 0, List.of());
    }
}
