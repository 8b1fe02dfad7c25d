package org.kfm.projection.settings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's validated settings ({@code kfm.api.*}, {@code kfm.schedule.*}, {@code kfm.webhooks.*},
 * {@code kfm.service.*}).
 *
 * @param allowedCatalogPrefixes normalized locations a POST /rebuilds catalog must start with
 * @param cron the Quartz cron of scheduled rebuilds, empty when off
 * @param webhooks URLs told about every swap; each shows as its label only (never its userinfo or query)
 * @param webhookSigningKey {@code kfm.webhooks.signing-secret}: signs every webhook call when present
 *     (a secret: never printed)
 * @param shutdownGrace how long shutdown waits for a cancelled rebuild to end
 * @param freshnessCron the schedule freshness is judged against: {@code kfm.schedule.freshness-cron},
 *     else {@code cron}; empty when neither is set
 */
public record ServiceSettings(List<URI> allowedCatalogPrefixes, Optional<String> cron, List<WebhookTarget> webhooks,
        Duration webhookTimeout, int webhookAttempts, Duration webhookBackoff, Duration shutdownGrace,
        Optional<SigningKey> webhookSigningKey, Optional<String> freshnessCron) {
    public ServiceSettings {
        allowedCatalogPrefixes = List.copyOf(allowedCatalogPrefixes);
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(webhookSigningKey, "webhookSigningKey");
        Objects.requireNonNull(freshnessCron, "freshnessCron");
    }

    /** The settings without a signing secret. */
    public ServiceSettings(List<URI> allowedCatalogPrefixes, Optional<String> cron, List<WebhookTarget> webhooks,
            Duration webhookTimeout, int webhookAttempts, Duration webhookBackoff, Duration shutdownGrace) {
        this(allowedCatalogPrefixes, cron, webhooks, webhookTimeout, webhookAttempts, webhookBackoff, shutdownGrace,
                Optional.empty(), cron);
    }

    /** Safe to log: webhook URLs as their labels only, the secret masked. */
    @Override
    public String toString() {
        return "ServiceSettings[allowedCatalogPrefixes=" + allowedCatalogPrefixes + ", cron=" + cron.orElse("off")
                + ", webhooks=" + webhooks + ", webhookTimeout=" + webhookTimeout
                + ", webhookAttempts=" + webhookAttempts + ", webhookBackoff=" + webhookBackoff + ", shutdownGrace="
                + shutdownGrace + ", webhookSigningKey=" + webhookSigningKey.map(s -> Masking.MASK)
                .orElse("(none)") + ", freshnessCron=" + freshnessCron.orElse("off") + "]";
    }
}
