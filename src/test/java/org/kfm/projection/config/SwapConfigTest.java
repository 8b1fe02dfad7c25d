package org.kfm.projection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.swap.SwapSettings;

class SwapConfigTest {
    private static final Settings SETTINGS = new Settings(PgIdentifier.of("kfm_index"), PgIdentifier.of("kfm_ops"),
            PgIdentifier.of("public"), 4326, "classpath:migrations/postgis", Optional.empty(), Optional.empty());

    private static SwapConfig config(Duration lockTimeout, int attempts, String channel, String readerRole) {
        return new SwapConfig() {
            public Duration lockTimeout() {
                return lockTimeout;
            }

            public int attempts() {
                return attempts;
            }

            public Duration backoff() {
                return Duration.ofMillis(200);
            }

            public Duration dropLockTimeout() {
                return Duration.ofSeconds(2);
            }

            public String channel() {
                return channel;
            }

            public Optional<String> readerRole() {
                return Optional.ofNullable(readerRole);
            }
        };
    }

    @Test
    void defaultsGiveTheDocumentedSettings() {
        SwapSettings s = SwapConfig.toSettings(config(Duration.ofSeconds(2), 5, "kfm_projection", " "), SETTINGS);
        assertEquals(SwapSettings.defaults(PgIdentifier.of("kfm_index"), PgIdentifier.of("kfm_ops")), s);
    }

    @Test
    void readerRoleIsAnIdentifier() {
        SwapSettings s = SwapConfig.toSettings(config(Duration.ofSeconds(2), 5, "kfm_projection", "kfm_reader"), SETTINGS);
        assertEquals(Optional.of(PgIdentifier.of("kfm_reader")), s.readerRole());
    }

    @Test
    void everyProblemIsListedAtOnce() {
        UsageException e = assertThrows(UsageException.class,
                () -> SwapConfig.toSettings(config(Duration.ZERO, 0, "Bad-Channel", "also bad"), SETTINGS));
        for (String key : new String[] {"channel", "reader-role", "lock-timeout", "attempts"}) {
            assertTrue(e.getMessage().contains("kfm.swap." + key), e.getMessage());
        }
    }
}
