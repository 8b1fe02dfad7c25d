package org.kfm.projection.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a carry wrote: unchanged dataset versions copied from the live generation into the shadow
 * inside the database, without reading their artifacts.
 *
 * @param from        the live schema the rows were read from
 * @param versions    one per carried version, in the order they were given
 * @param rows        {@code feature_geom} rows carried in total
 * @param duration    wall time of the carry
 * @param parallelism connections used at once
 */
public record CarryResult(String from, List<CarriedVersion> versions, long rows, Duration duration,
        int parallelism) {
    public CarryResult {
        Objects.requireNonNull(from, "from");
        versions = List.copyOf(versions);
        Objects.requireNonNull(duration, "duration");
    }

    /** Nothing carried (a full rebuild, or nothing unchanged). */
    public static CarryResult none(String from) {
        return new CarryResult(from, List.of(), 0, Duration.ZERO, 0);
    }

    /**
     * One carried dataset version.
     *
     * @param rows   rows the INSERT wrote into the shadow's {@code feature_geom}
     * @param millis how long its transaction took
     */
    public record CarriedVersion(String datasetVersionId, long rows, long millis) {
        public CarriedVersion {
            Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        }
    }
}
