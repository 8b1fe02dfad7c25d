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
 * @param webhooks URLs told about every swap (secrets: their userinfo and query are never printed)
 * @param webhookSigningSecret {@code kfm.webhooks.signing-secret}: key of the HMAC signature header
 *     (a secret: never printed)
 * @param shutdownGrace how long shutdown waits for a cancelled rebuild to end
 */
public record ServiceSettings(List<URI> allowedCatalogPrefixes, Optional<String> cron, List<URI> webhooks,
        Duration webhookTimeout, int webhookAttempts, Duration webhookBackoff, Duration shutdownGrace,
        Optional<String> webhookSigningSecret) {
    public ServiceSettings {
        allowedCatalogPrefixes = List.copyOf(allowedCatalogPrefixes);
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(webhookSigningSecret, "webhookSigningSecret");
    }

    /** The settings without a signing secret. */
    public ServiceSettings(List<URI> allowedCatalogPrefixes, Optional<String> cron, List<URI> webhooks,
            Duration webhookTimeout, int webhookAttempts, Duration webhookBackoff, Duration shutdownGrace) {
        this(allowedCatalogPrefixes, cron, webhooks, webhookTimeout, webhookAttempts, webhookBackoff, shutdownGrace,
                Optional.empty());
    }

    /** Safe to log: webhook URLs as scheme, host and path only, the secret masked. */
    @Override
    public String toString() {
        return "ServiceSettings[allowedCatalogPrefixes=" + allowedCatalogPrefixes + ", cron=" + cron.orElse("off")
                + ", webhooks=" + webhooks.stream().map(Masking::url).toList() + ", webhookTimeout=" + webhookTimeout
                + ", webhookAttempts=" + webhookAttempts + ", webhookBackoff=" + webhookBackoff + ", shutdownGrace="
                + shutdownGrace + ", webhookSigningSecret=" + webhookSigningSecret.map(s -> Masking.MASK)
                .orElse("(none)") + "]";
    }
}
