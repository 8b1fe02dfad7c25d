package org.kfm.projection.settings;

import java.time.Duration;
import java.util.Objects;
import org.kfm.projection.db.PgIdentifier;

/**
 * {@code kfm.swap.*} but the reader role (which {@link Settings} owns): how swaps, rollbacks and
 * prunes wait and retry, and the channel they NOTIFY. {@code run.CoreWiring} combines it with the
 * projection's names into the swap step's own {@code swap.SwapSettings}.
 *
 * @param lockTimeout {@code lock_timeout} of each swap attempt
 * @param attempts swap attempts in all when the lock timeout is hit
 * @param backoff wait before the second attempt, doubled before each further one
 * @param dropLockTimeout {@code lock_timeout} of each {@code DROP SCHEMA} of an old generation
 * @param channel the {@code NOTIFY} channel
 */
public record SwapOptions(Duration lockTimeout, int attempts, Duration backoff, Duration dropLockTimeout,
        PgIdentifier channel) {
    public SwapOptions {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(dropLockTimeout, "dropLockTimeout");
        Objects.requireNonNull(channel, "channel");
    }

    /** The documented defaults: 2 s lock timeouts, 5 attempts from 200 ms, channel kfm_projection. */
    public static SwapOptions defaults() {
        return new SwapOptions(Duration.ofSeconds(2), 5, Duration.ofMillis(200), Duration.ofSeconds(2),
                PgIdentifier.of("kfm_projection"));
    }
}
