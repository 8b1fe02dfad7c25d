package org.kfm.projection.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.settings.KfmSettings;
import org.kfm.projection.settings.Masking;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.settings.WebhookTarget;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.settings.SwapOptions;

/**
 * The effective configuration as one block of {@code key = value} lines, logged once at start-up:
 * every {@code kfm.*} setting as validated (defaults included) and the datasource it uses. Secrets
 * never appear: the datasource password and the webhook signing secret print as
 * {@value Masking#MASK}, and URLs lose their userinfo and query ({@link Masking}).
 */
public final class EffectiveConfig {
    private EffectiveConfig() {
    }

    /**
     * @param datasource {@code quarkus.datasource.jdbc.url}, {@code .username}, {@code .password},
     *     {@code .jdbc.max-size} as configured (empty when unset)
     */
    public static String describe(KfmSettings s, Map<String, Optional<String>> datasource) {
        Map<String, String> m = new LinkedHashMap<>();
        Settings core = s.core();
        m.put("kfm.projection.name", core.projection().name());
        m.put("kfm.projection.srid", Integer.toString(core.srid()));
        m.put("kfm.ops-schema", core.opsSchema().name());
        m.put("kfm.extension-schema", core.extensionSchema().name());
        m.put("kfm.migrations.location", core.migrationsLocation());
        m.put("kfm.catalog.uri", core.catalogUri().map(Masking::url).orElse("(none)"));
        m.put("kfm.triggered-by", core.triggeredBy().orElse("(user@host)"));
        RebuildSettings r = s.rebuild();
        m.put("kfm.load.parallelism", r.parallelism() + " index build(s), " + r.copyStreams() + " COPY stream(s)");
        m.put("kfm.load.max-shadow-bytes", r.maxShadowBytes().isPresent()
                ? org.kfm.projection.settings.ByteSize.show(r.maxShadowBytes().getAsLong()) : "(no budget)");
        m.put("kfm.input.unclosed-ring", lower(r.unclosedRing()));
        m.put("kfm.parity.invalid-geometry", lower(r.parity().invalidGeometry()));
        m.put("kfm.parity.live-digest-change", lower(r.parity().liveDigestChange()));
        m.put("kfm.parity.bbox-tolerance", Double.toString(r.parity().bboxTolerance()));
        m.put("kfm.parity.min-shrink-fraction", Double.toString(r.parity().minShrinkFraction()));
        m.put("kfm.parity.live-baseline", lower(r.parity().liveBaseline()));
        m.put("kfm.receipts.write-to-store", Boolean.toString(r.writeReceiptsToStore()));
        SwapOptions w = s.swap();
        m.put("kfm.swap.lock-timeout", w.lockTimeout().toString());
        m.put("kfm.swap.attempts", Integer.toString(w.attempts()));
        m.put("kfm.swap.backoff", w.backoff().toString());
        m.put("kfm.swap.drop-lock-timeout", w.dropLockTimeout().toString());
        m.put("kfm.swap.channel", w.channel().name());
        m.put("kfm.swap.reader-role", core.readerRole().map(PgIdentifier::name).orElse("(none)"));
        m.put("kfm.s3.region", s.store().region());
        m.put("kfm.s3.endpoint", s.store().endpoint().map(Masking::url).orElse("(aws)"));
        m.put("kfm.s3.path-style", Boolean.toString(s.store().pathStyle()));
        m.put("kfm.s3.max-attempts", Integer.toString(s.store().maxAttempts()));
        ServiceSettings v = s.service();
        m.put("kfm.api.allowed-catalog-prefixes", urls(v.allowedCatalogPrefixes()));
        m.put("kfm.schedule.cron", v.cron().orElse("off"));
        m.put("kfm.schedule.freshness-cron", v.freshnessCron().orElse("off"));
        m.put("kfm.webhooks.urls", labels(v.webhooks()));
        m.put("kfm.webhooks.timeout", v.webhookTimeout().toString());
        m.put("kfm.webhooks.attempts", Integer.toString(v.webhookAttempts()));
        m.put("kfm.webhooks.backoff", v.webhookBackoff().toString());
        m.put("kfm.webhooks.signing-secret", v.webhookSigningKey().map(x -> Masking.MASK).orElse("(none)"));
        m.put("kfm.service.shutdown-grace", v.shutdownGrace().toString());
        m.put("quarkus.datasource.jdbc.url", datasource.getOrDefault("quarkus.datasource.jdbc.url", Optional.empty())
                .map(Masking::jdbcUrl).orElse("(none)"));
        m.put("quarkus.datasource.username", datasource.getOrDefault("quarkus.datasource.username", Optional.empty())
                .orElse("(none)"));
        m.put("quarkus.datasource.password", datasource.getOrDefault("quarkus.datasource.password", Optional.empty())
                .map(x -> Masking.MASK).orElse("(none)"));
        m.put("quarkus.datasource.jdbc.max-size", datasource.getOrDefault("quarkus.datasource.jdbc.max-size",
                Optional.empty()).orElse("(default)"));
        return "effective configuration:\n" + m.entrySet().stream().map(e -> "  " + e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String urls(List<URI> urls) {
        return urls.isEmpty() ? "(none)" : urls.stream().map(Masking::url).collect(Collectors.joining(", "));
    }

    /** Webhooks as their labels: never the query string or userinfo of the URL. */
    private static String labels(List<WebhookTarget> targets) {
        return targets.isEmpty() ? "(none)" : targets.stream().map(WebhookTarget::toString)
                .collect(Collectors.joining(", "));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
