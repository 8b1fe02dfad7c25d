package org.kfm.projection.catalog;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One promoted dataset version, as a STAC item describes it.
 *
 * @param id the item's {@code id}
 * @param collectionId the item's {@code collection}
 * @param href where the item document was read from
 * @param datasetId {@code properties.kfm:dataset_id}
 * @param datasetVersionId {@code properties.kfm:dataset_version_id}, unique across the catalog
 * @param declaredFeatureCount {@code properties.kfm:feature_count}
 * @param promotedAt {@code properties.kfm:promoted_at}
 * @param datetime {@code properties.datetime}; null when the item gives a range or none
 * @param bbox the item's {@code bbox} (WGS 84)
 * @param sourceEpsg {@code properties.proj:epsg}, or the code of {@code properties.proj:code}, or
 *     4326 when neither is given (GeoJSON's CRS, RFC 7946)
 * @param featureIdProperty {@code properties.kfm:feature_id_property}: the feature property that
 *     holds the id when a feature has no {@code id} member
 * @param assets the data assets, sorted by key; never empty
 */
public record CatalogItem(String id, String collectionId, URI href, String datasetId, String datasetVersionId,
                          long declaredFeatureCount, Instant promotedAt, Instant datetime, Bbox bbox,
                          int sourceEpsg, Optional<String> featureIdProperty, List<DataAsset> assets) {
    public CatalogItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collectionId, "collectionId");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        Objects.requireNonNull(promotedAt, "promotedAt");
        Objects.requireNonNull(bbox, "bbox");
        Objects.requireNonNull(featureIdProperty, "featureIdProperty");
        assets = List.copyOf(assets);
        if (declaredFeatureCount < 0) {
            throw new IllegalArgumentException("declared feature count must be >= 0: " + declaredFeatureCount);
        }
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("an item needs at least one data asset: " + href);
        }
    }
}
