package org.kfm.projection.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.ops.DeliveryStore;
import org.kfm.projection.run.CoreWiring;
import org.kfm.projection.run.FeatureDiffs;
import org.kfm.projection.run.MigrationRuns;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.run.RunHistory;
import org.kfm.projection.run.ServiceHealth;
import org.kfm.projection.settings.KfmSettings;
import org.kfm.projection.webhook.Webhooks;

/**
 * Offers the plain-Java core as CDI beans: the settings validated by {@code config}, wired by
 * {@link CoreWiring} (the same wiring the benchmark and the tests use) on the configured datasource.
 * Beans are created on first use, so commands that need no database (lint, generate-catalog) never
 * touch one; each is created once per process.
 */
@ApplicationScoped
public class CoreProducers {

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
    ArtifactStores artifactStores(KfmSettings s) {
        return ArtifactStores.create(s.store());
    }

    @Produces
    @Singleton
    RebuildServices rebuildServices(Instance<AgroalDataSource> db, KfmSettings s, ArtifactStores stores,
            ObjectMapper json, Clock clock) {
        return CoreWiring.services(dataSource(db), s.core(), s.rebuild(), s.swap(), stores, json, clock,
                UUID::randomUUID);
    }

    /**
     * The run history the API and the service read (the ops stores themselves are the core's). Application
     * scoped, so created on first use: every command is constructed for the command line, and {@code --version}
     * or {@code help} must not need a database.
     */
    @Produces
    @ApplicationScoped
    RunHistory runHistory(RebuildServices services, DeliveryStore deliveries) {
        return RunHistory.of(services, deliveries);
    }

    /** Every swap, from the CLI or the service, is announced to the configured webhooks. */
    @Produces
    @ApplicationScoped
    RebuildOrchestrator orchestrator(RebuildServices services, Webhooks webhooks) {
        return new RebuildOrchestrator(services, webhooks.listener());
    }

    @Produces
    @Singleton
    DeliveryStore deliveryStore(RebuildServices services) {
        return new DeliveryStore(services.dataSource(), services.settings().opsSchema());
    }

    @Produces
    @ApplicationScoped
    ProjectionOperations operations(RebuildServices services) {
        return new ProjectionOperations(services);
    }

    @Produces
    @Singleton
    ServiceHealth serviceHealth(RebuildServices services) {
        return new ServiceHealth(services);
    }

    @Produces
    @ApplicationScoped
    MigrationRuns migrationRuns(RebuildServices services) {
        return CoreWiring.migrationRuns(services);
    }

    @Produces
    @ApplicationScoped
    FeatureDiffs featureDiffs(RebuildServices services) {
        return new FeatureDiffs(services.dataSource(), services.settings());
    }
}
