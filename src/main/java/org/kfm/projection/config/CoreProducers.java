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
import jakarta.enterprise.context.Dependent;
import java.util.Optional;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.load.LoadSettings;
import org.kfm.projection.load.ProjectionLoader;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.run.MigrationRuns;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.run.RebuildSettings;
import org.kfm.projection.run.SwapListener;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapSettings;
import org.kfm.projection.validate.ParityValidator;
import org.kfm.projection.webhook.WebhookNotifier;

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
    GenerationStore generationStore(Instance<AgroalDataSource> db, Settings s, ObjectMapper json) {
        return new GenerationStore(dataSource(db), s.opsSchema(), json);
    }

    @Produces
    @ApplicationScoped
    ArtifactStores artifactStores(KfmConfig c) {
        KfmConfig.S3 s3 = c.s3();
        StoreSettings store = new StoreSettings(s3.region(), s3.endpoint(), s3.pathStyle(), s3.maxAttempts(),
                Optional.empty(), Optional.empty());
        return ArtifactStores.create(store);
    }

    @Produces
    @Singleton
    RebuildSettings rebuildSettings(KfmConfig c, Settings s,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
            int poolSize) {
        return RebuildConfig.rebuildSettings(c, s, poolSize);
    }

    @Produces
    @Singleton
    SwapSettings swapSettings(KfmConfig c, Settings s) {
        return SwapConfig.toSettings(c.swap(), s);
    }

    @Produces
    @Dependent
    RebuildServices rebuildServices(Instance<AgroalDataSource> db, Settings s, RebuildSettings r, SwapSettings swap,
            DatabaseBootstrap b, SchemaMigrator m, OpsStore o, GenerationStore g, ArtifactStores stores,
            ObjectMapper json, Clock clock) {
        DataSource ds = dataSource(db);
        ProjectionLoader loader = new ProjectionLoader(ds, stores, new FeatureReaders(),
                LoadSettings.defaults(s.srid()).withParallelism(r.copyStreams())
                        .withUnclosedRings(r.unclosedRings()), clock);
        return new RebuildServices(ds, s, r, b, m, o, g, stores, loader, new ParityValidator(ds, clock),
                new SchemaSwapper(ds, swap), json, clock);
    }

    @Produces
    @Singleton
    ServiceSettings serviceSettings(KfmConfig c, Settings s) {
        return ServiceConfig.toSettings(c, s);
    }

    /** Every swap, from the CLI or the service, is announced to the configured webhooks. */
    @Produces
    @ApplicationScoped
    RebuildOrchestrator orchestrator(RebuildServices services, ServiceSettings service, Clock clock) {
        SwapListener webhooks = service.webhooks().isEmpty() ? SwapListener.NONE
                : new WebhookNotifier(service.webhooks(), service.webhookTimeout(), service.webhookAttempts(),
                        service.webhookBackoff(), clock);
        return new RebuildOrchestrator(services, webhooks);
    }

    @Produces
    @ApplicationScoped
    ProjectionOperations operations(RebuildServices services) {
        return new ProjectionOperations(services);
    }

    @Produces
    @ApplicationScoped
    MigrationRuns migrationRuns(Instance<AgroalDataSource> db, Settings s, DatabaseBootstrap b, SchemaMigrator m, OpsStore o,
            ObjectMapper json) {
        DataSource ds = dataSource(db);
        return new MigrationRuns(ds, s, b, new PrivilegeCheck(ds), m, o, json);
    }
}
