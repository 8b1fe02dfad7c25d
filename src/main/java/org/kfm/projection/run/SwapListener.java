package org.kfm.projection.run;

import java.util.List;
import java.util.UUID;

/**
 * Told about every swap after it committed (webhooks, for instance). The orchestrator records what
 * each listener reports in the run's events and receipt; nothing a listener does or throws can fail
 * the run, whose new generation is already live.
 */
@FunctionalInterface
public interface SwapListener {
    SwapListener NONE = (runId, payload) -> List.of();

    /**
     * Called once per committed swap, on the run's thread, before the run is finished. Keep it
     * bounded in time: the run waits for it.
     *
     * @param payload the JSON sent on the NOTIFY channel (never trimmed here)
     * @return one outcome per delivery attempted, for the receipt
     */
    List<Delivery> swapped(UUID runId, String payload);

    /**
     * How one delivery ended.
     *
     * @param target where it went (a URL)
     * @param delivered whether the receiver acknowledged it (2xx)
     * @param attempts tries made
     * @param status the last HTTP status received, null when none was
     * @param error the last error, null when delivered
     */
    record Delivery(String target, boolean delivered, int attempts, Integer status, String error, long durationMs) {
    }
}
