package org.kfm.projection.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.run.RebuildLock;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.run.RunHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service does once at start (only when it serves HTTP: CLI commands run with the HTTP
 * server disabled and skip all of it): migrate the ops schema, mark runs left open by a dead replica
 * ABANDONED (only while holding the rebuild lock, so a run alive elsewhere is never marked). (The
 * effective configuration is logged by {@code config.EffectiveConfigLog}, secrets masked.) A database that is down is logged, not fatal: readiness
 * reports it, and the next rebuild retries the bootstrap.
 */
@Singleton
public class ServiceStartup {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceStartup.class);

    @Inject
    @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true")
    boolean serving;

    // Resolved only when serving: a CLI command such as lint has no database to build them from.
    @Inject
    Instance<Settings> settingsBean;

    @Inject
    Instance<RebuildServices> servicesBean;

    @Inject
    Instance<ServiceMetrics> metricsBean;

    @Inject
    Instance<RunHistory> historyBean;

    private Settings settings;
    private RebuildServices services;

    void onStart(@Observes StartupEvent event) {
        if (!serving) {
            return;
        }
        settings = settingsBean.get();
        try {
            services = servicesBean.get();
            services.bootstrap().run();
            markAbandoned(historyBean.get());
            metricsBean.get().loadLastSuccess();
        } catch (KfmException e) {
            LOG.warn("start-up bookkeeping skipped: {} (rule {}); readiness stays DOWN until the database answers",
                    e.getMessage(), e.rule());
        }
    }

    /** Runs left open by a process that died: only while this process holds the lock. */
    private void markAbandoned(RunHistory history) {
        String projection = settings.projection().name();
        try (RebuildLock lock = RebuildLock.acquire(services.dataSource(), projection)) {
            List<UUID> ids = history.markAbandoned(projection,
                    "the process running it ended without finishing (found at service start-up)");
            if (!ids.isEmpty()) {
                LOG.warn("marked {} run(s) left open by dead processes as ABANDONED: {}", ids.size(), ids);
            }
        } catch (KfmException e) {
            if (e.code() != ErrorCode.LOCK_HELD) {
                throw e;
            }
            LOG.info("a run holds the rebuild lock of {}: open runs are left as they are", projection);
        }
    }
}
