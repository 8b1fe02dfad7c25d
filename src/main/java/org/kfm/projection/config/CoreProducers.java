package org.kfm.projection.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.PrivilegeCheck;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.run.MigrationRuns;
import org.kfm.projection.swap.GrantReplayer;
import org.kfm.projection.swap.OutsideDependencies;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapSettings;

/**
 * Wires the plain-Java core from Quarkus configuration. Beans are created on first use, so
 * commands that need no database (lint, generate-catalog) never touch one.
 */
@ApplicationScoped
public class CoreProducers {

    @Produces
    @Singleton
    Settings settings(KfmConfig config) {
        return Settings.from(config);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The configured datasource, or a usage error that says how to configure one. */
    static DataSource dataSource(Instance<AgroalDataSource> agroal) {
        try {
            AgroalDataSource ds = agroal.get();
            ds.getConfiguration();
            return ds;
        } catch (RuntimeException e) {
            throw new UsageException("no-database", "no database configured: set QUARKUS_DATASOURCE_JDBC_URL (and "
                    + "QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD), or run through bin/kfm-projection, "
                    + "which starts the local PostGIS when none is set");
        }
    }

    @Produces
    @ApplicationScoped
    SchemaMigrator projectionMigrator(Instance<AgroalDataSource> db, Settings s, Clock clock) {
        return new SchemaMigrator(dataSource(db), MigrationSource.load(s.migrationsLocation()), "", clock);
    }

    @Produces
    @ApplicationScoped
    DatabaseBootstrap bootstrap(Instance<AgroalDataSource> db, Settings s, Clock clock) {
        return new DatabaseBootstrap(dataSource(db), s.opsSchema(), s.extensionSchema(), clock);
    }

    @Produces
    @ApplicationScoped
    OpsStore opsStore(Instance<AgroalDataSource> db, Settings s, ObjectMapper json, Clock clock) {
        return new OpsStore(dataSource(db), s.opsSchema(), json, clock);
    }

    @Produces
    @ApplicationScoped
    MigrationRuns migrationRuns(Instance<AgroalDataSource> db, Settings s, DatabaseBootstrap b, SchemaMigrator m, OpsStore o,
            ObjectMapper json) {
        DataSource ds = dataSource(db);
        return new MigrationRuns(ds, s, b, new PrivilegeCheck(ds), m, o, json);
    }

    @Produces
    @Singleton
    SwapSettings swapSettings(KfmConfig config, Settings s) {
        return SwapConfig.toSettings(config.swap(), s);
    }

    @Produces
    @ApplicationScoped
    SchemaSwapper schemaSwapper(Instance<AgroalDataSource> db, SwapSettings s) {
        return new SchemaSwapper(dataSource(db), s);
    }

    @Produces
    @ApplicationScoped
    GrantReplayer grantReplayer(Instance<AgroalDataSource> db) {
        return new GrantReplayer(dataSource(db));
    }

    @Produces
    @ApplicationScoped
    OutsideDependencies outsideDependencies(Instance<AgroalDataSource> db, Settings s) {
        return new OutsideDependencies(dataSource(db), s.opsSchema());
    }
}
