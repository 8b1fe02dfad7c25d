package org.kfm.projection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code kfm.*} setting (environment: {@code KFM_...}, e.g. {@code KFM_PROJECTION_NAME}), as
 * text: {@link ConfigValidator} parses and checks them all in one pass, so a value of the wrong type
 * is listed with every other problem instead of stopping start-up on its own. Durations take
 * ISO-8601 ({@code PT2S}) or the short form ({@code 2s}, {@code 200ms}). A new setting is one
 * method here and one line in the validator.
 */
@ConfigMapping(prefix = "kfm")
public interface KfmConfig {

    Projection projection();

    Migrations migrations();

    Catalog catalog();

    /** kfm.swap.*: lock timeouts, retries, NOTIFY channel, reader role. */
    Swap swap();

    /** Schema of the orchestrator's own records (runs, events, generations). */
    @WithDefault("kfm_ops")
    String opsSchema();

    /** Schema where PostGIS is installed; on every search_path. */
    @WithDefault("public")
    String extensionSchema();

    /** Who a CLI run is recorded as; defaults to the OS user at the host. */
    Optional<String> triggeredBy();

    Load load();

    Input input();

    Parity parity();

    S3 s3();

    Receipts receipts();

    /** kfm.api.*: what the HTTP API of {@code serve} accepts. */
    Api api();

    /** kfm.schedule.*: rebuilds on a cron schedule inside {@code serve}. */
    Schedule schedule();

    /** kfm.webhooks.*: URLs told about every swap. */
    Webhooks webhooks();

    /** kfm.service.*: the service process itself. */
    Service service();

    interface Projection {
        /** Live schema name; the shadow and previous generations add _shadow and _prev. */
        @WithDefault("kfm_index")
        String name();

        /** SRID every projected geometry is transformed to. */
        @WithDefault("4326")
        String srid();
    }

    interface Migrations {
        /** classpath:migrations/postgis (packaged) or a directory. */
        @WithDefault("classpath:migrations/postgis")
        String location();
    }

    interface Catalog {
        /** Root catalog.json: a path, file: URI or s3://bucket/prefix/catalog.json. */
        Optional<String> uri();
    }

    interface Swap {
        /** lock_timeout of each swap attempt. */
        @WithDefault("2s")
        String lockTimeout();

        /** Attempts in all when the lock timeout is hit. */
        @WithDefault("5")
        String attempts();

        /** Wait before the second attempt, doubled before each further one. */
        @WithDefault("200ms")
        String backoff();

        /** lock_timeout of each DROP SCHEMA of an old generation. */
        @WithDefault("2s")
        String dropLockTimeout();

        /** NOTIFY channel told about every swap and rollback. */
        @WithDefault("kfm_projection")
        String channel();

        /** Role readers use: granted USAGE, SELECT and EXECUTE on kfm_* in every new generation. */
        Optional<String> readerRole();
    }

    interface Load {
        /**
         * Connections used for COPY and for index builds; 0 = automatic: half the cores (at least one)
         * for COPY, since each stream keeps a parser thread and a server backend busy, and all cores
         * for index builds.
         */
        @WithDefault("0")
        String parallelism();

        /**
         * The disk a rebuild may take for a new shadow while live and previous stay: bytes, or with a
         * unit (500MB = 500*10^6, 20GiB or 20G = 20*2^30). Unset: no budget.
         */
        Optional<String> maxShadowBytes();
    }

    interface Input {
        /**
         * reject (refuse the artifact, malformed-geometry) or close (append the ring's first position, as
         * GDAL does; each repaired feature listed in the parity report and the receipt).
         */
        @WithDefault("reject")
        String unclosedRing();
    }

    interface Parity {
        /** report (keep and list), reject (fail), or repair (ST_MakeValid). */
        @WithDefault("report")
        String invalidGeometry();

        /** fail or warn when a dataset version's digest differs between live and shadow. */
        @WithDefault("fail")
        String liveDigestChange();

        /** Tolerance of the extent check against the catalog bbox, in degrees. */
        @WithDefault("1e-6")
        String bboxTolerance();

        /** The shadow must keep at least this fraction of live's rows (shrink guard). */
        @WithDefault("0.9")
        String minShrinkFraction();

        /**
         * recorded (compare with the results recorded when live was validated; a scan when they are
         * missing) or scan (read live's tables again: as costly as the shadow's digest).
         */
        @WithDefault("recorded")
        String liveBaseline();
    }

    interface S3 {
        @WithDefault("us-east-1")
        String region();

        /** Endpoint of an S3-compatible store, e.g. http://minio:9000. */
        Optional<String> endpoint();

        @WithDefault("false")
        String pathStyle();

        @WithDefault("3")
        String maxAttempts();
    }

    interface Receipts {
        /** Also write receipts/<run-id>.json beside the catalog when the store is writable. */
        @WithDefault("true")
        String writeToStore();
    }

    interface Api {
        /**
         * Catalog URIs a POST /rebuilds may name, as prefixes (a path, file: or s3:// URI); unset:
         * only the configured kfm.catalog.uri.
         */
        Optional<List<String>> allowedCatalogPrefixes();
    }

    interface Schedule {
        /** Quartz cron (seconds first: {@code 0 0 3 * * ?}); empty or unset: no scheduled rebuilds. */
        Optional<String> cron();

        /**
         * The schedule the projection's freshness is judged against when rebuilds are scheduled
         * outside the service (the Kubernetes CronJob); default: {@code kfm.schedule.cron}.
         */
        Optional<String> freshnessCron();
    }

    interface Webhooks {
        /** URLs POSTed the swap payload after every committed swap. */
        Optional<List<String>> urls();

        /** Connect and response timeout of each call. */
        @WithDefault("5s")
        String timeout();

        /** Calls in all per URL before it is recorded as failed. */
        @WithDefault("3")
        String attempts();

        /** Wait before the second call, doubled before each further one. */
        @WithDefault("500ms")
        String backoff();

        /** Key of the HMAC signature header on every webhook call (a secret); unset: unsigned. */
        Optional<String> signingSecret();
    }

    interface Service {
        /** How long shutdown waits for a cancelled rebuild to record CANCELLED. */
        @WithDefault("30s")
        String shutdownGrace();
    }
}
