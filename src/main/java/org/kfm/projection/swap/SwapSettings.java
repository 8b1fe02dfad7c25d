package org.kfm.projection.swap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;

/**
 * How swaps, rollbacks and prunes behave. Immutable; every problem is reported at once.
 *
 * @param names the projection's generation names
 * @param opsSchema the orchestrator's schema: its objects may depend on live without blocking a swap
 * @param lockTimeout {@code lock_timeout} of the swap transaction (each attempt)
 * @param attempts how many times a swap that hit the lock timeout is tried in all
 * @param backoffBase wait before the second attempt; doubled before each further one
 * @param dropLockTimeout {@code lock_timeout} of each {@code DROP SCHEMA} after the swap and in prune
 * @param channel the {@code NOTIFY} channel
 * @param readerRole the role readers use, granted access to every new generation (optional)
 */
public record SwapSettings(GenerationNames names, PgIdentifier opsSchema, Duration lockTimeout, int attempts,
        Duration backoffBase, Duration dropLockTimeout, PgIdentifier channel, Optional<PgIdentifier> readerRole) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    public static final String DEFAULT_CHANNEL = "kfm_projection";

    public SwapSettings {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(opsSchema, "opsSchema");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(readerRole, "readerRole");
        List<String> problems = problems(names, opsSchema, lockTimeout, attempts, backoffBase, dropLockTimeout);
        if (!problems.isEmpty()) {
            throw new UsageException("invalid-config", "invalid swap configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Everything wrong with these values, one line each naming the configuration key; empty when valid. */
    public static List<String> problems(GenerationNames names, PgIdentifier opsSchema, Duration lockTimeout,
            int attempts, Duration backoffBase, Duration dropLockTimeout) {
        List<String> problems = new ArrayList<>();
        positiveMillis("lock-timeout", lockTimeout, problems);
        positiveMillis("drop-lock-timeout", dropLockTimeout, problems);
        if (backoffBase == null || backoffBase.isNegative()) {
            problems.add("kfm.swap.backoff: must be zero or more, got " + backoffBase);
        }
        if (attempts < 1 || attempts > 20) {
            problems.add("kfm.swap.attempts: must be 1..20, got " + attempts);
        }
        if (opsSchema.name().startsWith(names.base().name())) {
            problems.add("kfm.ops-schema: '" + opsSchema + "' must not start with the projection name '"
                    + names.base() + "' (swaps rename schemas with that prefix)");
        }
        return problems;
    }

    /** The documented defaults: 2 s lock timeout, 5 attempts from 200 ms, channel kfm_projection. */
    public static SwapSettings defaults(PgIdentifier base, PgIdentifier opsSchema) {
        return new SwapSettings(new GenerationNames(base), opsSchema, DEFAULT_LOCK_TIMEOUT, DEFAULT_ATTEMPTS,
                DEFAULT_BACKOFF, DEFAULT_LOCK_TIMEOUT, PgIdentifier.of(DEFAULT_CHANNEL), Optional.empty());
    }

    public SwapSettings withLockTimeouts(Duration swap, Duration drop) {
        return new SwapSettings(names, opsSchema, swap, attempts, backoffBase, drop, channel, readerRole);
    }

    public SwapSettings withRetries(int attempts, Duration backoffBase) {
        return new SwapSettings(names, opsSchema, lockTimeout, attempts, backoffBase, dropLockTimeout, channel,
                readerRole);
    }

    public SwapSettings withChannel(PgIdentifier channel) {
        return new SwapSettings(names, opsSchema, lockTimeout, attempts, backoffBase, dropLockTimeout, channel,
                readerRole);
    }

    public SwapSettings withReaderRole(PgIdentifier role) {
        return new SwapSettings(names, opsSchema, lockTimeout, attempts, backoffBase, dropLockTimeout, channel,
                Optional.ofNullable(role));
    }

    /** Wait before attempt {@code attempt} (2-based): base, 2 x base, 4 x base, ... */
    Duration backoffBefore(int attempt) {
        return backoffBase.multipliedBy(1L << Math.min(attempt - 2, 16));
    }

    private static void positiveMillis(String key, Duration d, List<String> problems) {
        if (d == null || d.toMillis() < 1) {
            problems.add("kfm.swap." + key + ": must be at least 1 ms, got " + d);
        }
    }
}
