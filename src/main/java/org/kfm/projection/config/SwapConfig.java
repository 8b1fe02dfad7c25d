package org.kfm.projection.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.swap.GenerationNames;
import org.kfm.projection.swap.SwapSettings;

/**
 * {@code kfm.swap.*} (environment {@code KFM_SWAP_...}), a group of {@link KfmConfig}: how swaps,
 * rollbacks and prunes behave. Durations take ISO-8601 ({@code PT2S}) or the short form
 * ({@code 2s}, {@code 200ms}).
 */
public interface SwapConfig {

    /** lock_timeout of each swap attempt. */
    @WithDefault("2s")
    Duration lockTimeout();

    /** Attempts in all when the lock timeout is hit. */
    @WithDefault("5")
    int attempts();

    /** Wait before the second attempt, doubled before each further one. */
    @WithDefault("200ms")
    Duration backoff();

    /** lock_timeout of each DROP SCHEMA of an old generation. */
    @WithDefault("2s")
    Duration dropLockTimeout();

    /** NOTIFY channel told about every swap and rollback. */
    @WithDefault("kfm_projection")
    String channel();

    /** Role readers use: granted USAGE, SELECT and EXECUTE on kfm_* in every new generation. */
    Optional<String> readerRole();

    /** Validated settings; every problem is listed at once. */
    static SwapSettings toSettings(SwapConfig c, Settings s) {
        List<String> problems = new ArrayList<>();
        PgIdentifier channel = identifier("kfm.swap.channel", c.channel(), problems);
        PgIdentifier reader = c.readerRole().filter(r -> !r.isBlank())
                .map(r -> identifier("kfm.swap.reader-role", r, problems)).orElse(null);
        GenerationNames names = new GenerationNames(s.projection());
        problems.addAll(SwapSettings.problems(names, s.opsSchema(), c.lockTimeout(), c.attempts(), c.backoff(),
                c.dropLockTimeout()));
        if (!problems.isEmpty()) {
            throw new UsageException("invalid-config", "invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new SwapSettings(names, s.opsSchema(), c.lockTimeout(), c.attempts(),
                c.backoff(), c.dropLockTimeout(), channel, Optional.ofNullable(reader));
    }

    private static PgIdentifier identifier(String key, String value, List<String> problems) {
        try {
            return PgIdentifier.of(value);
        } catch (KfmException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }
}
