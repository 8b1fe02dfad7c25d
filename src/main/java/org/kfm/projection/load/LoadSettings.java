package org.kfm.projection.load;

import java.time.Duration;
import java.util.Objects;
import org.kfm.projection.feature.UnclosedRingPolicy;

/**
 * How the loader works.
 *
 * @param parallelism connections (COPY streams) at once: one per dataset version, the spare ones split large
 *     artifacts ({@code splitMinBytes})
 * @param targetSrid EPSG code every geometry is transformed to (the projection's SRID)
 * @param progressInterval least time between two {@link LoadListener#progress} calls
 * @param blockRows rows between two cancellation checks and progress updates in a per-asset loop
 * @param unclosedRings what the readers do with an unclosed polygon ring ({@code kfm.input.unclosed-ring})
 * @param splitMinBytes smallest artifact ({@code file:size}) that is split over several COPY streams when
 *     the catalog has fewer dataset versions than {@code parallelism} (docs/loader.md, "One big artifact");
 *     {@link Long#MAX_VALUE} never splits
 */
public record LoadSettings(int parallelism, int targetSrid, Duration progressInterval, int blockRows,
        UnclosedRingPolicy unclosedRings, long splitMinBytes) {
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(500);
    public static final int DEFAULT_BLOCK_ROWS = 1024;
    /** 64 MiB: below that an extra connection and thread pay for little (a second or less of loading). */
    public static final long DEFAULT_SPLIT_MIN_BYTES = 64L * 1024 * 1024;

    public LoadSettings {
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(unclosedRings, "unclosedRings");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        if (targetSrid <= 0) {
            throw new IllegalArgumentException("targetSrid must be a positive EPSG code, got " + targetSrid);
        }
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative, got " + progressInterval);
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
        }
        if (splitMinBytes < 0) {
            throw new IllegalArgumentException("splitMinBytes must not be negative, got " + splitMinBytes);
        }
    }

    /** Artifacts of {@value #DEFAULT_SPLIT_MIN_BYTES} bytes or more split when streams are spare. */
    public LoadSettings(int parallelism, int targetSrid, Duration progressInterval, int blockRows,
            UnclosedRingPolicy unclosedRings) {
        this(parallelism, targetSrid, progressInterval, blockRows, unclosedRings, DEFAULT_SPLIT_MIN_BYTES);
    }

    /** Unclosed rings refused, as before the policy existed. */
    public LoadSettings(int parallelism, int targetSrid, Duration progressInterval, int blockRows) {
        this(parallelism, targetSrid, progressInterval, blockRows, UnclosedRingPolicy.REJECT);
    }

    /** One connection per available processor, into {@code targetSrid}, unclosed rings refused. */
    public static LoadSettings defaults(int targetSrid) {
        return new LoadSettings(Runtime.getRuntime().availableProcessors(), targetSrid, DEFAULT_PROGRESS_INTERVAL,
                DEFAULT_BLOCK_ROWS);
    }

    public LoadSettings withParallelism(int n) {
        return new LoadSettings(n, targetSrid, progressInterval, blockRows, unclosedRings, splitMinBytes);
    }

    public LoadSettings withUnclosedRings(UnclosedRingPolicy policy) {
        return new LoadSettings(parallelism, targetSrid, progressInterval, blockRows, policy, splitMinBytes);
    }

    public LoadSettings withSplitMinBytes(long bytes) {
        return new LoadSettings(parallelism, targetSrid, progressInterval, blockRows, unclosedRings, bytes);
    }
}
