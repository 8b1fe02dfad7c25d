package org.kfm.projection.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kfm.projection.webhook.SigningKey;
import org.kfm.projection.webhook.WebhookTarget;

/**
 * The service's validated settings.
 *
 * @param allowedCatalogPrefixes normalized locations a POST /rebuilds catalog must start with
 * @param cron the Quartz cron of scheduled rebuilds, empty when off
 * @param webhooks URLs told about every swap; each shows as its label only
 * @param webhookSigningKey signs every webhook call when present (masked when printed)
 * @param shutdownGrace how long shutdown waits for a cancelled rebuild to end
 */
public record ServiceSettings(List<URI> allowedCatalogPrefixes, Optional<String> cron, List<WebhookTarget> webhooks,
        Duration webhookTimeout, int webhookAttempts, Duration webhookBackoff, Optional<SigningKey> webhookSigningKey,
        Duration shutdownGrace) {
    public ServiceSettings {
        allowedCatalogPrefixes = List.copyOf(allowedCatalogPrefixes);
        webhooks = List.copyOf(webhooks);
    }
}
