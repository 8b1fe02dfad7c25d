package org.kfm.projection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Every {@code kfm.*} setting (environment: {@code KFM_...}, e.g. {@code KFM_PROJECTION_NAME}).
 * Validated once by {@link Settings#from(KfmConfig)}, which lists all problems together.
 */
@ConfigMapping(prefix = "kfm")
public interface KfmConfig {

    Projection projection();

    Migrations migrations();

    Catalog catalog();

    /** kfm.swap.*: lock timeouts, retries, NOTIFY channel, reader role. */
    SwapConfig swap();

    /** Schema of the orchestrator's own records (runs, events, generations). */
    @WithDefault("kfm_ops")
    String opsSchema();

    /** Schema where PostGIS is installed; on every search_path. */
    @WithDefault("public")
    String extensionSchema();

    /** Who a CLI run is recorded as; defaults to the OS user at the host. */
    Optional<String> triggeredBy();

    Load load();

    /** kfm.input.*: what is accepted from artifacts beyond the formats' rules. */
    Input input();

    Parity parity();

    S3 s3();

    Receipts receipts();

    /** kfm.api.*: what the HTTP API of {@code serve} accepts. */
    ServiceConfig.Api api();

    /** kfm.schedule.*: rebuilds on a cron schedule inside {@code serve}. */
    ServiceConfig.Schedule schedule();

    /** kfm.webhooks.*: URLs told about every swap. */
    ServiceConfig.Webhooks webhooks();

    /** kfm.service.*: the service process itself. */
    ServiceConfig.Service service();

    interface Load {
        /**
         * Connections used for COPY and for index builds; 0 = automatic: half the cores (at least one)
         * for COPY, since each stream keeps a parser thread and a server backend busy, and all cores
         * for index builds.
         */
        @WithDefault("0")
        int parallelism();
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
        double bboxTolerance();

        /** The shadow must keep at least this fraction of live's rows (shrink guard). */
        @WithDefault("0.9")
        double minShrinkFraction();

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
        Optional<java.net.URI> endpoint();

        @WithDefault("false")
        boolean pathStyle();

        @WithDefault("3")
        int maxAttempts();
    }

    interface Receipts {
        /** Also write receipts/<run-id>.json beside the catalog when the store is writable. */
        @WithDefault("true")
        boolean writeToStore();
    }

    interface Projection {
        /** Live schema name; the shadow and previous generations add _shadow and _prev. */
        @WithDefault("kfm_index")
        String name();

        /** SRID every projected geometry is transformed to. */
        @WithDefault("4326")
        int srid();
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
}
