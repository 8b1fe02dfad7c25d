package org.kfm.projection.config;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.webhook.SigningKey;
import org.kfm.projection.webhook.WebhookTarget;

/**
 * The groups of {@link KfmConfig} that only the service ({@code serve}) reads, and their
 * validation. Durations take ISO-8601 ({@code PT5S}) or the short form ({@code 5s}, {@code 500ms}).
 */
public final class ServiceConfig {
    private ServiceConfig() {
    }

    public interface Api {
        /**
         * Catalog URIs a POST /rebuilds may name, as prefixes (a path, file: or s3:// URI); unset:
         * only the configured kfm.catalog.uri.
         */
        Optional<List<String>> allowedCatalogPrefixes();
    }

    public interface Schedule {
        /** Quartz cron (seconds first: {@code 0 0 3 * * ?}); empty or unset: no scheduled rebuilds. */
        Optional<String> cron();
    }

    public interface Webhooks {
        /**
         * URLs POSTed the swap payload after every committed swap: {@code https://host/path?query},
         * or {@code name=https://...} to be shown as {@code name}. Shown and stored only as a label
         * (the name, else scheme://host[:port]/path): never the query string or userinfo.
         */
        Optional<List<String>> urls();

        /**
         * HMAC-SHA256 key (at least 32 characters) signing every call: {@code X-KFM-Signature:
         * sha256=<hex>} over {@code <X-KFM-Timestamp>.<body>}. Unset: calls are not signed. Never logged.
         */
        Optional<String> signingSecret();

        /** Connect and response timeout of each call. */
        @WithDefault("5s")
        Duration timeout();

        /** Calls in all per URL before it is recorded as failed. */
        @WithDefault("3")
        int attempts();

        /** Wait before the second call, doubled before each further one. */
        @WithDefault("500ms")
        Duration backoff();
    }

    public interface Service {
        /** How long shutdown waits for a cancelled rebuild to record CANCELLED. */
        @WithDefault("30s")
        Duration shutdownGrace();
    }

    /** The validated service settings; every problem is listed at once. */
    public static ServiceSettings toSettings(KfmConfig c, Settings s) {
        List<String> problems = new ArrayList<>();
        List<URI> prefixes = new ArrayList<>();
        List<String> raw = c.api().allowedCatalogPrefixes().orElse(s.catalogUri().map(List::of).orElse(List.of()));
        for (String p : raw) {
            if (!p.isBlank()) {
                location("kfm.api.allowed-catalog-prefixes", p.strip(), problems).ifPresent(prefixes::add);
            }
        }
        List<WebhookTarget> hooks = new ArrayList<>();
        List<String> entries = c.webhooks().urls().orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isBlank()) {
                webhook(i + 1, entries.get(i), problems).ifPresent(hooks::add);
            }
        }
        Webhooks w = c.webhooks();
        Optional<SigningKey> signingKey = Optional.empty();
        try {
            signingKey = SigningKey.of(w.signingSecret());
        } catch (IllegalArgumentException e) {
            problems.add("kfm.webhooks.signing-secret: " + e.getMessage());
        }
        positive("kfm.webhooks.timeout", w.timeout(), problems);
        positive("kfm.service.shutdown-grace", c.service().shutdownGrace(), problems);
        if (w.backoff().isNegative()) {
            problems.add("kfm.webhooks.backoff: must not be negative, got " + w.backoff());
        }
        if (w.attempts() < 1 || w.attempts() > 10) {
            problems.add("kfm.webhooks.attempts: must be 1..10, got " + w.attempts());
        }
        if (!problems.isEmpty()) {
            throw new UsageException("invalid-config", "invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        Optional<String> cron = c.schedule().cron().map(String::strip).filter(x -> !x.isEmpty()
                && !x.equalsIgnoreCase("off") && !x.equalsIgnoreCase("disabled"));
        return new ServiceSettings(prefixes, cron, hooks, w.timeout(), w.attempts(), w.backoff(), signingKey,
                c.service().shutdownGrace());
    }

    private static Optional<URI> location(String key, String value, List<String> problems) {
        try {
            return Optional.of(ArtifactStores.location(value));
        } catch (KfmException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<WebhookTarget> webhook(int position, String entry, List<String> problems) {
        try {
            return Optional.of(WebhookTarget.parse(entry));
        } catch (IllegalArgumentException e) {
            problems.add("kfm.webhooks.urls: entry " + position + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void positive(String key, Duration d, List<String> problems) {
        if (d.isZero() || d.isNegative()) {
            problems.add(key + ": must be positive, got " + d);
        }
    }
}
