package org.kfm.projection.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a load wrote.
 *
 * @param datasets one per catalog item, in catalog order (sorted by dataset version id)
 * @param rows {@code feature_geom} rows copied in total
 * @param bytes artifact bytes read and verified in total
 * @param parallelism connections the load used at once (the setting, capped by the number of dataset
 *     versions)
 */
public record LoadResult(List<DatasetLoad> datasets, long rows, long bytes, Duration duration, int parallelism) {
    public LoadResult {
        datasets = List.copyOf(datasets);
        Objects.requireNonNull(duration, "duration");
    }

    public Optional<DatasetLoad> dataset(String datasetVersionId) {
        return datasets.stream().filter(d -> d.datasetVersionId().equals(datasetVersionId)).findFirst();
    }

    /** Rows per second over the whole load (0 for an instant one). */
    public double rowsPerSecond() {
        long nanos = duration.toNanos();
        return nanos == 0 ? 0 : rows * 1e9 / nanos;
    }
}
