package org.kfm.projection.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.settings.KfmSettings;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.settings.SwapOptions;

/**
 * Validates the configuration once per process and offers the settings records as beans. The pass
 * runs first thing at start: for {@code serve} in a start-up observer (a failure fails the start,
 * listing every problem), for a CLI command before it runs ({@code cli.Main}: exit 2 with the list).
 * The effective configuration is logged by {@link EffectiveConfigLog}: at start for {@code serve}, before
 * the command for a CLI command that uses the database.
 */
@ApplicationScoped
public class SettingsProducer {
    static final String POOL_SIZE = "quarkus.datasource.jdbc.max-size";

    @Produces
    @Singleton
    KfmSettings settings(KfmConfig config) {
        return ConfigValidator.validate(config, ConfigProvider.getConfig().getOptionalValue(POOL_SIZE, String.class)
                .orElse("20"));
    }

    /** {@code serve}: the pass (and its log) before anything else starts; a failure fails the start. */
    void onStart(@Observes @Priority(1) StartupEvent event, EffectiveConfigLog log,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        if (serving) {
            log.log();
        }
    }

    @Produces
    @Singleton
    Settings core(KfmSettings s) {
        return s.core();
    }

    @Produces
    @Singleton
    RebuildSettings rebuild(KfmSettings s) {
        return s.rebuild();
    }

    @Produces
    @Singleton
    SwapOptions swap(KfmSettings s) {
        return s.swap();
    }

    @Produces
    @Singleton
    StoreSettings store(KfmSettings s) {
        return s.store();
    }

    @Produces
    @Singleton
    ServiceSettings service(KfmSettings s) {
        return s.service();
    }
}
