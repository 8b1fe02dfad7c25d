package org.kfm.projection.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a running load, for progress lines and the run's status.
 *
 * @param rows rows encoded and sent so far (committed or not)
 * @param bytes artifact bytes read so far
 * @param totalBytes the sum of the catalog's {@code file:size} over every data asset
 * @param elapsed since the load started
 * @param currentAssets hrefs of the assets being copied right now, sorted
 */
public record LoadProgress(long rows, long bytes, long totalBytes, Duration elapsed, List<String> currentAssets) {
    public LoadProgress {
        Objects.requireNonNull(elapsed, "elapsed");
        currentAssets = List.copyOf(currentAssets);
    }

    /** Rows per second so far (0 before any time has passed). */
    public double rowsPerSecond() {
        return rate(rows);
    }

    /** Artifact bytes per second so far. */
    public double bytesPerSecond() {
        return rate(bytes);
    }

    /** Share of the catalog's bytes read, 0 to 1 (1 for an empty catalog). */
    public double fraction() {
        return totalBytes == 0 ? 1 : Math.min(1, (double) bytes / totalBytes);
    }

    /** Remaining time at the byte rate so far; empty until something has been read. */
    public Optional<Duration> eta() {
        double rate = bytesPerSecond();
        if (rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (Math.max(0, totalBytes - bytes) / rate * 1000)));
    }

    private double rate(long amount) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : amount * 1e9 / nanos;
    }
}
