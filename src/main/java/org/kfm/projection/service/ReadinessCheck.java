package org.kfm.projection.service;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.api.MigrationVersion;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.ops.Generation;
import org.kfm.projection.run.RebuildServices;

/**
 * {@code /q/health/ready}: UP when the database answers, the ops schema has every packaged ops
 * migration, and a live generation exists. A fresh installation is therefore not ready until its
 * first rebuild swapped a generation in: readers would find no projection before that.
 */
@Readiness
@Singleton
public class ReadinessCheck implements HealthCheck {
    private final RebuildServices services;
    private final String projection;
    private final String latestOpsVersion;

    @Inject
    public ReadinessCheck(RebuildServices services, Settings settings) {
        this.services = services;
        this.projection = settings.projection().name();
        List<String> versions = new SchemaMigrator(services.dataSource(), MigrationSource.load(DatabaseBootstrap.OPS_MIGRATIONS), "",
                services.clock()).availableVersions();
        this.latestOpsVersion = versions.get(versions.size() - 1);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("kfm-projection").withData("projection", projection);
        try (Connection c = services.dataSource().getConnection()) {
            if (!c.isValid(2)) {
                return r.down().withData("database", "not answering").build();
            }
        } catch (SQLException | RuntimeException e) {
            return r.down().withData("database", "unreachable: " + e.getMessage()).build();
        }
        r.withData("database", "ok");
        try {
            Optional<String> ops = services.ops().opsSchemaVersion();
            r.withData("opsSchemaVersion", ops.orElse("none")).withData("opsSchemaExpected", latestOpsVersion);
            // A newer ops schema (a later replica migrated it) is fine: ops migrations only add.
            if (ops.isEmpty() || MigrationVersion.fromVersion(ops.get())
                    .compareTo(MigrationVersion.fromVersion(latestOpsVersion)) < 0) {
                return r.down().build();
            }
            Optional<Generation> live = services.generations().live(projection);
            if (live.isEmpty()) {
                return r.down().withData("liveGeneration", "none yet: run a first rebuild").build();
            }
            return r.up().withData("liveGeneration", live.get().number()).build();
        } catch (RuntimeException e) {
            return r.down().withData("error", e.getMessage()).build();
        }
    }
}
