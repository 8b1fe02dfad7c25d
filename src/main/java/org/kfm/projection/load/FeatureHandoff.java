package org.kfm.projection.load;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.kfm.projection.feature.Feature;

/**
 * Hands batches of parsed features from the one reader thread of a split artifact to its COPY stream
 * workers. Bounded (two batches per worker), so a reader faster than the streams waits instead of
 * filling the heap. The {@link #END} batch, one per worker, is offered only after the artifact's size
 * and checksum verified: no stream finishes its COPY before that. {@link #stop()} ends both sides at
 * their next wait, so neither can block for ever on a partner that failed. (A batch that slips past a
 * stop does no harm: nothing commits before the whole dataset version succeeded.)
 */
final class FeatureHandoff {
    /** One contiguous run of features: indexes {@code first} to {@code first + features.size() - 1}. */
    record Batch(long first, List<Feature> features) {
    }

    /** "The artifact verified; finish your COPY." */
    static final Batch END = new Batch(-1, List.of());
    private static final long WAIT_MILLIS = 50;

    private final BlockingQueue<Batch> queue;
    private volatile boolean stopped;

    FeatureHandoff(int workers) {
        this.queue = new ArrayBlockingQueue<>(Math.max(2, 2 * workers));
    }

    /**
     * Waits for room for {@code batch}; between waits {@code stillGoing} may throw to stop the reader
     * (another part of the load failed, or the run was cancelled).
     *
     * @throws LoadControl.Aborted when a worker stopped the hand-off
     */
    void put(Batch batch, Runnable stillGoing) throws InterruptedException {
        while (true) {
            // checked before and after: stop() empties the queue, which lets a waiting offer succeed
            if (stopped) {
                throw new LoadControl.Aborted();
            }
            if (queue.offer(batch, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new LoadControl.Aborted();
                }
                return;
            }
            stillGoing.run();
        }
    }

    /**
     * The next batch, or {@link #END}.
     *
     * @throws LoadControl.Aborted when the reader or another worker stopped the hand-off
     */
    Batch take() throws InterruptedException {
        while (true) {
            if (stopped) {
                throw new LoadControl.Aborted();
            }
            Batch b = queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (b != null && !stopped) {
                return b;
            }
        }
    }

    /** Stops every wait of both sides; batches still queued are dropped with the COPYs. */
    void stop() {
        stopped = true;
        queue.clear();
    }
}
