package org.kfm.projection.config;

import org.kfm.projection.feature.UnclosedRingPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.settings.KfmSettings;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.SwapOptions;

class ConfigValidatorTest {

    /** The mapping as SmallRye builds it at start-up, from {@code properties} over the defaults. */
    static KfmConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(KfmConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 300)).build()
                .getConfigMapping(KfmConfig.class);
    }

    static KfmSettings validate(Map<String, String> properties) {
        return ConfigValidator.validate(config(properties), "16");
    }

    @Test
    void defaultsGiveTheDocumentedSettings() {
        KfmSettings s = validate(Map.of());
        assertEquals(PgIdentifier.of("kfm_index"), s.core().projection());
        assertEquals(PgIdentifier.of("kfm_ops"), s.core().opsSchema());
        assertEquals(4326, s.core().srid());
        assertEquals(Optional.empty(), s.core().readerRole());
        assertEquals(SwapOptions.defaults(), s.swap());
        assertEquals(RebuildSettings.ParitySettings.defaults(), s.rebuild().parity());
        assertEquals(UnclosedRingPolicy.REJECT, s.rebuild().unclosedRing());
        assertTrue(s.rebuild().writeReceiptsToStore());
        assertEquals(Duration.ofSeconds(5), s.service().webhookTimeout());
        assertEquals(Optional.empty(), s.service().webhookSigningKey());
        assertEquals(3, s.store().maxAttempts());
    }

    @Test
    void problemsOfEveryGroupAreReportedTogetherInOneMessage() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("kfm.projection.srid", "-1"),
                Map.entry("kfm.load.parallelism", "many"),
                Map.entry("kfm.load.max-shadow-bytes", "lots"),
                Map.entry("kfm.parity.invalid-geometry", "maybe"),
                Map.entry("kfm.input.unclosed-ring", "mend"),
                Map.entry("kfm.swap.attempts", "0"),
                Map.entry("kfm.swap.channel", "Bad-Channel"),
                Map.entry("kfm.swap.reader-role", "also bad"),
                Map.entry("kfm.s3.max-attempts", "99"),
                Map.entry("kfm.receipts.write-to-store", "yes"),
                Map.entry("kfm.webhooks.urls", "ftp://hooks.example/x?token=s3cret"),
                Map.entry("kfm.webhooks.timeout", "soon"),
                Map.entry("kfm.service.shutdown-grace", "0s"),
                Map.entry("kfm.schedule.cron", "every night"));
        UsageException e = assertThrows(UsageException.class, () -> validate(bad));
        assertEquals(ErrorCode.BAD_USAGE, e.code());
        assertEquals("invalid-config", e.rule());
        for (String key : bad.keySet()) {
            assertTrue(e.getMessage().contains("\n  - " + key + ": "), key + " missing from: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("invalid configuration (" + bad.size() + " problems):"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "a rejected webhook URL is shown masked: " + e.getMessage());
    }

    @Test
    void theScheduleIsAQuartzCronOrOff() {
        assertEquals(Optional.of("0 0 3 * * ?"), validate(Map.of("kfm.schedule.cron", "0 0 3 * * ?")).service().cron());
        assertEquals(Optional.empty(), validate(Map.of("kfm.schedule.cron", "off")).service().cron());
        UsageException e = assertThrows(UsageException.class, () -> validate(Map.of("kfm.schedule.cron", "0 3 * * *")));
        assertTrue(e.getMessage().contains("kfm.schedule.cron: not a Quartz cron expression"), e.getMessage());
    }

    @Test
    void parallelismIsCheckedAgainstThePoolSize() {
        UsageException e = assertThrows(UsageException.class,
                () -> ConfigValidator.validate(config(Map.of("kfm.load.parallelism", "8")), "6"));
        assertTrue(e.getMessage().contains("quarkus.datasource.jdbc.max-size >= 10, which is 6"), e.getMessage());
    }

    @Test
    void theReaderRoleHasOneOwner() {
        KfmSettings s = validate(Map.of("kfm.swap.reader-role", "kfm_reader"));
        assertEquals(Optional.of(PgIdentifier.of("kfm_reader")), s.core().readerRole());
        assertEquals(Optional.of("kfm_reader"), s.rebuild().parityPolicy(s.core(), OptionalDouble.empty())
                .readerRole());
    }

    @Test
    void durationsTakeTheShortAndTheIsoForm() {
        KfmSettings s = validate(Map.of("kfm.swap.lock-timeout", "PT3S", "kfm.swap.backoff", "50ms"));
        assertEquals(Duration.ofSeconds(3), s.swap().lockTimeout());
        assertEquals(Duration.ofMillis(50), s.swap().backoff());
    }

    @Test
    void theShadowBudgetIsOptionalAndReadsDecimalAndBinaryUnits() {
        assertEquals(OptionalLong.empty(), validate(Map.of()).rebuild().maxShadowBytes());
        assertEquals(OptionalLong.empty(), validate(Map.of("kfm.load.max-shadow-bytes", " ")).rebuild()
                .maxShadowBytes());
        Map<String, Long> cases = Map.of("1048576", 1_048_576L, "500MB", 500_000_000L, "500 mb", 500_000_000L,
                "20GiB", 20L << 30, "2G", 2L << 30, "1.5KiB", 1536L, "3TB", 3_000_000_000_000L, "7b", 7L);
        cases.forEach((text, bytes) -> assertEquals(OptionalLong.of(bytes),
                validate(Map.of("kfm.load.max-shadow-bytes", text)).rebuild().maxShadowBytes(), text));
    }

    @Test
    void aShadowBudgetThatIsNotASizeIsNamedWithTheAcceptedForms() {
        for (String bad : new String[] {"0", "-5GB", "20 GiBs", "1e9", "MB", "99999999999TiB"}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> validate(Map.of("kfm.load.max-shadow-bytes", bad)), bad);
            assertEquals(2, e.code().exitCode());
            assertTrue(e.getMessage().contains("\n  - kfm.load.max-shadow-bytes: '" + bad + "'"), e.getMessage());
        }
    }
}
