package org.kfm.projection.config;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;

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
        /** URLs POSTed the swap payload after every committed swap. */
        Optional<List<String>> urls();

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
        List<URI> hooks = new ArrayList<>();
        for (String u : c.webhooks().urls().orElse(List.of())) {
            if (!u.isBlank()) {
                webhook(u.strip(), problems).ifPresent(hooks::add);
            }
        }
        Webhooks w = c.webhooks();
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
        return new ServiceSettings(prefixes, cron, hooks, w.timeout(), w.attempts(), w.backoff(),
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

    private static Optional<URI> webhook(String value, List<String> problems) {
        try {
            URI u = URI.create(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return Optional.of(u);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add("kfm.webhooks.urls: '" + value + "' is not an http(s) URL with a host");
        return Optional.empty();
    }

    private static void positive(String key, Duration d, List<String> problems) {
        if (d.isZero() || d.isNegative()) {
            problems.add(key + ": must be positive, got " + d);
        }
    }
}
