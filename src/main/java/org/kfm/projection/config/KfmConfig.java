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
