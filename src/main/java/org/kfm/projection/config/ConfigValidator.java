package org.kfm.projection.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.settings.ByteSize;
import org.kfm.projection.settings.KfmSettings;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.RebuildSettings.LiveBaselineMode;
import org.kfm.projection.settings.RebuildSettings.ParitySettings;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.settings.SigningKey;
import org.kfm.projection.settings.WebhookTarget;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.settings.SwapOptions;
import org.kfm.projection.validate.DigestChangePolicy;
import org.kfm.projection.validate.InvalidGeometryPolicy;

/**
 * The one validation pass over every {@code kfm.*} setting (and the datasource pool size the load
 * depends on): parses each value, checks every rule, and either builds the settings records or
 * throws one {@link UsageException} ({@code invalid-config}, exit 2) listing every problem found,
 * whatever group it is in.
 */
public final class ConfigValidator {
    private static final Duration ONE_MS = Duration.ofMillis(1);

    private final KfmConfig c;
    private final Problems problems = new Problems();

    private ConfigValidator(KfmConfig c) {
        this.c = c;
    }

    /**
     * @param poolSize {@code quarkus.datasource.jdbc.max-size}: the load needs its connections plus
     *     the lock's and the run records'
     * @throws UsageException rule {@code invalid-config}, listing every problem
     */
    public static KfmSettings validate(KfmConfig c, String poolSize) {
        return new ConfigValidator(c).settings(poolSize);
    }

    private KfmSettings settings(String poolSize) {
        Settings core = core();
        RebuildSettings rebuild = rebuild(poolSize);
        SwapOptions swap = swap();
        StoreSettings store = store();
        ServiceSettings service = service(core.catalogUri());
        problems.throwIfAny();
        return new KfmSettings(core, rebuild, swap, store, service);
    }

    private Settings core() {
        Optional<PgIdentifier> projection = problems.identifier("kfm.projection.name", c.projection().name())
                // the longest derived name must still be a valid identifier
                .flatMap(p -> problems.valid("kfm.projection.name", () -> p.suffixed("_retired_0000000000")).map(x -> p));
        Optional<PgIdentifier> ops = problems.identifier("kfm.ops-schema", c.opsSchema());
        Optional<PgIdentifier> ext = problems.identifier("kfm.extension-schema", c.extensionSchema());
        int srid = problems.integer("kfm.projection.srid", c.projection().srid(), 1, Integer.MAX_VALUE,
                "a positive EPSG code");
        if (projection.isPresent() && ops.isPresent() && ops.get().name().startsWith(projection.get().name())) {
            problems.add("kfm.ops-schema", "'" + ops.get() + "' must not start with the projection name '"
                    + projection.get() + "' (swaps rename schemas with that prefix)");
        }
        Optional<PgIdentifier> reader = c.swap().readerRole().filter(r -> !r.isBlank())
                .flatMap(r -> problems.identifier("kfm.swap.reader-role", r.strip()));
        PgIdentifier fallback = PgIdentifier.of("invalid");
        return new Settings(projection.orElse(fallback), ops.orElse(PgIdentifier.of("invalid_ops")),
                ext.orElse(fallback), srid, c.migrations().location(), nonBlank(c.catalog().uri()),
                nonBlank(c.triggeredBy()), reader);
    }

    private RebuildSettings rebuild(String poolSizeText) {
        int pool = problems.integer("quarkus.datasource.jdbc.max-size", poolSizeText, 1, 10_000, "1 or more");
        int configured = problems.integer("kfm.load.parallelism", c.load().parallelism(), 0, 64,
                "0 (= cores) or 1..64");
        boolean auto = configured == 0;
        // auto: all cores (within what the pool can give) build indexes; a COPY stream keeps a parser
        // thread and a server backend busy, so half of them load
        int parallelism = auto ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), pool - 2))
                : configured;
        int copyStreams = auto ? Math.max(1, parallelism / 2) : parallelism;
        if (!auto && parallelism + 2 > pool) {
            problems.add("kfm.load.parallelism", parallelism + " connection(s) for loading plus one for the rebuild "
                    + "lock and one for run records need quarkus.datasource.jdbc.max-size >= " + (parallelism + 2)
                    + ", which is " + pool + ": lower the parallelism or raise the pool size "
                    + "(QUARKUS_DATASOURCE_JDBC_MAX_SIZE)");
        }
        KfmConfig.Parity p = c.parity();
        ParitySettings parity = new ParitySettings(
                problems.choice(InvalidGeometryPolicy.class, "kfm.parity.invalid-geometry", p.invalidGeometry()),
                problems.choice(DigestChangePolicy.class, "kfm.parity.live-digest-change", p.liveDigestChange()),
                problems.number("kfm.parity.bbox-tolerance", p.bboxTolerance(), 0, Double.MAX_VALUE, "zero or more"),
                problems.number("kfm.parity.min-shrink-fraction", p.minShrinkFraction(), 0, 1, "between 0 and 1"),
                problems.choice(LiveBaselineMode.class, "kfm.parity.live-baseline", p.liveBaseline()));
        OptionalLong maxShadowBytes = nonBlank(c.load().maxShadowBytes())
                .flatMap(v -> problems.valid("kfm.load.max-shadow-bytes", () -> ByteSize.parse(v)))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        return new RebuildSettings(parallelism, copyStreams, parity,
                problems.bool("kfm.receipts.write-to-store", c.receipts().writeToStore()),
                problems.choice(UnclosedRingPolicy.class, "kfm.input.unclosed-ring", c.input().unclosedRing()),
                maxShadowBytes);
    }

    private SwapOptions swap() {
        KfmConfig.Swap s = c.swap();
        return new SwapOptions(
                problems.duration("kfm.swap.lock-timeout", s.lockTimeout(), ONE_MS, "must be at least 1 ms"),
                problems.integer("kfm.swap.attempts", s.attempts(), 1, 20, "1..20"),
                problems.duration("kfm.swap.backoff", s.backoff(), Duration.ZERO, "must be zero or more"),
                problems.duration("kfm.swap.drop-lock-timeout", s.dropLockTimeout(), ONE_MS, "must be at least 1 ms"),
                problems.identifier("kfm.swap.channel", s.channel()).orElse(PgIdentifier.of("invalid")));
    }

    private StoreSettings store() {
        KfmConfig.S3 s = c.s3();
        if (s.region().isBlank()) {
            problems.add("kfm.s3.region", "is empty (e.g. " + StoreSettings.DEFAULT_REGION + ")");
        }
        Optional<URI> endpoint = nonBlank(s.endpoint()).flatMap(e -> httpUrl("kfm.s3.endpoint", e));
        boolean pathStyle = problems.bool("kfm.s3.path-style", s.pathStyle());
        int attempts = problems.integer("kfm.s3.max-attempts", s.maxAttempts(), 1, 10, "1..10");
        return problems.isEmpty() ? new StoreSettings(s.region().strip(), endpoint, pathStyle, attempts,
                Optional.empty(), Optional.empty()) : StoreSettings.defaults();
    }

    private ServiceSettings service(Optional<String> catalogUri) {
        List<URI> prefixes = new ArrayList<>();
        for (String p : c.api().allowedCatalogPrefixes().orElse(catalogUri.map(List::of).orElse(List.of()))) {
            if (!p.isBlank()) {
                problems.valid("kfm.api.allowed-catalog-prefixes", () -> ArtifactStores.location(p.strip()))
                        .ifPresent(prefixes::add);
            }
        }
        List<WebhookTarget> hooks = new ArrayList<>();
        List<String> entries = c.webhooks().urls().orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            int position = i + 1;
            String entry = entries.get(i);
            if (!entry.isBlank()) {
                // the entry is named by its position, never quoted: it may hold a token
                problems.valid("kfm.webhooks.urls", () -> {
                    try {
                        return WebhookTarget.parse(entry);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("entry " + position + ": " + e.getMessage(), e);
                    }
                }).ifPresent(hooks::add);
            }
        }
        KfmConfig.Webhooks w = c.webhooks();
        Duration timeout = problems.duration("kfm.webhooks.timeout", w.timeout(), ONE_MS, "must be positive");
        int attempts = problems.integer("kfm.webhooks.attempts", w.attempts(), 1, 10, "1..10");
        Duration backoff = problems.duration("kfm.webhooks.backoff", w.backoff(), Duration.ZERO,
                "must not be negative");
        Duration grace = problems.duration("kfm.service.shutdown-grace", c.service().shutdownGrace(), ONE_MS,
                "must be positive");
        Optional<String> cron = cron(problems, "kfm.schedule.cron", c.schedule().cron());
        Optional<String> freshnessCron = cron(problems, "kfm.schedule.freshness-cron", c.schedule().freshnessCron());
        Optional<SigningKey> signingKey = problems.valid("kfm.webhooks.signing-secret",
                () -> SigningKey.of(nonBlank(w.signingSecret()))).flatMap(k -> k);
        return new ServiceSettings(prefixes, cron, hooks, timeout, attempts, backoff, grace, signingKey,
                freshnessCron.or(() -> cron));
    }

    /** A cron setting: empty, {@code off} or {@code disabled} for none; else a Quartz cron. */
    private static Optional<String> cron(Problems problems, String key, Optional<String> value) {
        return value.map(String::strip).filter(x -> !x.isEmpty() && !x.equalsIgnoreCase("off")
                && !x.equalsIgnoreCase("disabled")).flatMap(x -> problems.valid(key, () -> quartzCron(x)));
    }

    /** A Quartz cron expression (the scheduler's syntax: seconds first), as given. */
    private static String quartzCron(String cron) {
        try {
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ)).parse(cron).validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Quartz cron expression (seconds minutes hours day-of-month month "
                    + "day-of-week [year], e.g. '0 0 3 * * ?'): " + e.getMessage(), e);
        }
    }

    /** An http(s) URL with a host; a problem naming {@code key} otherwise (the value masked: it may hold a token). */
    private Optional<URI> httpUrl(String key, String value) {
        try {
            URI u = URI.create(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return Optional.of(u);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(key, "'" + org.kfm.projection.settings.Masking.url(value) + "' is not an http(s) URL with a host");
        return Optional.empty();
    }

    private static Optional<String> nonBlank(Optional<String> v) {
        return v.map(String::strip).filter(s -> !s.isEmpty());
    }
}
