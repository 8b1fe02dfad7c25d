package org.kfm.projection.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.feature.FeatureFormat;

/**
 * How much disk the loaded shadow will take (tables, indexes and TOAST), estimated from the catalog
 * alone before anything is read: each data asset's {@code file:size} times its format's factor.
 * Measured on 100,000 generated features (docs/performance.md, "Shadow size"), the projection took
 * about 1.0× the bytes of full-precision GeoJSON, 1.33× of 6-decimal GeoJSON and 1.77× of
 * FlatGeobuf; the factors keep a margin above those. It is an estimate: properties that are large
 * compared with the geometry, or much shorter coordinates, move it.
 *
 * @param versions one per dataset version, in catalog order
 * @param artifactBytes the sum of the data assets' sizes
 * @param bytes the estimate, the sum of the versions'
 */
public record ShadowEstimate(List<Version> versions, long artifactBytes, long bytes) {
    /** Shadow bytes per artifact byte, by format. */
    public static final Map<FeatureFormat, Double> FACTORS = Map.of(FeatureFormat.GEOJSON, 1.5,
            FeatureFormat.GEOJSON_SEQ, 1.5, FeatureFormat.FLATGEOBUF, 2.0);

    /**
     * One dataset version's share: its artifacts' bytes and the shadow bytes they are estimated to take.
     *
     * @param carried whether the estimate is the version's share of live's size (it is carried from live)
     *     rather than its artifacts' size times the format's factor
     */
    public record Version(String datasetVersionId, long artifactBytes, long bytes, boolean carried) {
    }

    public ShadowEstimate {
        versions = List.copyOf(versions);
    }

    public static ShadowEstimate of(Catalog catalog) {
        return of(catalog, Map.of());
    }

    /**
     * @param carriedBytes for the versions carried from live: their share of live's size (live's schema
     *     bytes times their share of live's rows), which replaces the estimate from their artifacts
     */
    public static ShadowEstimate of(Catalog catalog, Map<String, Long> carriedBytes) {
        List<Version> versions = new ArrayList<>();
        long artifacts = 0;
        long total = 0;
        for (CatalogItem item : catalog.items()) {
            long read = 0;
            long estimate = 0;
            for (DataAsset a : item.assets()) {
                read += a.size();
                estimate += (long) Math.ceil(a.size() * FACTORS.get(a.format()));
            }
            Long fromLive = carriedBytes.get(item.datasetVersionId());
            if (fromLive != null) {
                estimate = fromLive;
            }
            versions.add(new Version(item.datasetVersionId(), read, estimate, fromLive != null));
            artifacts += read;
            total += estimate;
        }
        return new ShadowEstimate(versions, artifacts, total);
    }
}
