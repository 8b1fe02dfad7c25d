package org.kfm.projection.run;

import java.util.List;
import java.util.UUID;
import org.kfm.projection.history.WebhookDelivery;

/**
 * Told about every committed swap (webhooks), after the run has ended and released the rebuild
 * lock: the generation is live whatever a listener does, so nothing it does or throws can hold the
 * lock, delay the run's end or change its outcome. A listener records its own outcomes.
 */
public interface SwapListener {
    SwapListener NONE = new SwapListener() {
        @Override
        public List<String> targets() {
            return List.of();
        }

        @Override
        public void swapped(UUID runId, String payload) {
        }

        @Override
        public List<WebhookDelivery> awaitDeliveries(UUID runId) {
            return List.of();
        }
    };

    /** Labels of where swaps go, for the receipt; never a URL's query string or userinfo. */
    List<String> targets();

    /**
     * Called once per committed swap, on the run's thread, after the run ended and its lock was
     * released. Must return at once: the work goes to the listener's own threads.
     *
     * @param payload the JSON sent on the NOTIFY channel (never trimmed here)
     */
    void swapped(UUID runId, String payload);

    /**
     * Waits, for a bounded time, until what {@link #swapped} started for this run has ended (a CLI
     * run, which exits afterwards, calls it).
     *
     * @return the deliveries as recorded; empty when there were none
     */
    List<WebhookDelivery> awaitDeliveries(UUID runId);
}
