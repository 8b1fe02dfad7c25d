package org.kfm.projection.bench.synth;

import java.nio.file.Path;
import org.kfm.projection.feature.FeatureFormat;
import org.locationtech.jts.geom.Envelope;

/**
 * One generated data asset and what its item declares about it.
 *
 * @param checksum STAC {@code file:checksum}: {@code 1220} + SHA-256 hex
 * @param bbox WGS 84 envelope of every coordinate written
 */
public record WrittenAsset(String itemId, String datasetId, String datasetVersionId, Path itemFile, Path file,
        FeatureFormat format, int epsg, long features, String checksum, long size, Envelope bbox) {
}
