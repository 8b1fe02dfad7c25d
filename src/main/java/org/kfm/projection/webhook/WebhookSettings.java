package org.kfm.projection.webhook;

import org.kfm.projection.settings.SigningKey;
import org.kfm.projection.settings.WebhookTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How swaps are delivered to webhooks.
 *
 * @param targets the configured URLs, in order
 * @param timeout bound of each call (connect and answer)
 * @param attempts calls per URL before it is recorded as failed
 * @param backoff wait before the second call, doubled before each further one
 * @param signingKey signs every call when present
 * @param queueCapacity deliveries that may wait for a thread; one more is recorded as dropped
 */
public record WebhookSettings(List<WebhookTarget> targets, Duration timeout, int attempts, Duration backoff,
        Optional<SigningKey> signingKey, int queueCapacity) {
    /** Deliveries that may wait per configured URL before new ones are dropped. */
    public static final int QUEUED_PER_URL = 16;

    public WebhookSettings {
        targets = List.copyOf(targets);
    }

    public static WebhookSettings of(List<WebhookTarget> targets, Duration timeout, int attempts, Duration backoff,
            Optional<SigningKey> signingKey) {
        return new WebhookSettings(targets, timeout, attempts, backoff, signingKey,
                Math.max(1, targets.size()) * QUEUED_PER_URL);
    }

    /** Waits between the attempts of one URL, all together. */
    public Duration totalBackoff() {
        Duration total = Duration.ZERO;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(backoff.multipliedBy(1L << Math.min(i - 1, 10)));
        }
        return total;
    }

    /**
     * The longest one delivery can take once it has a thread: every attempt timing out, plus the
     * backoff between them. URLs are called in parallel, so this bounds a whole swap's deliveries.
     */
    public Duration deliveryBound() {
        return timeout.multipliedBy(attempts).plus(totalBackoff());
    }
}
