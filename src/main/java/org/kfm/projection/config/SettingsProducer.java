package org.kfm.projection.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.settings.KfmSettings;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.settings.SwapOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the configuration once per process and offers the settings records as beans. The pass
 * runs first thing at start: for {@code serve} in a start-up observer (a failure fails the start,
 * listing every problem), for a CLI command before it runs ({@code cli.Main}: exit 2 with the list).
 * The effective configuration is logged once, right after the pass succeeds.
 */
@ApplicationScoped
public class SettingsProducer {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsProducer.class);
    static final String POOL_SIZE = "quarkus.datasource.jdbc.max-size";

    @Produces
    @Singleton
    KfmSettings settings(KfmConfig config) {
        Config raw = ConfigProvider.getConfig();
        KfmSettings s = ConfigValidator.validate(config, raw.getOptionalValue(POOL_SIZE, String.class).orElse("20"));
        Map<String, Optional<String>> datasource = new LinkedHashMap<>();
        for (String key : new String[] {"quarkus.datasource.jdbc.url", "quarkus.datasource.username",
            "quarkus.datasource.password", POOL_SIZE}) {
            datasource.put(key, raw.getOptionalValue(key, String.class));
        }
        LOG.info("{}", EffectiveConfig.describe(s, datasource));
        return s;
    }

    /** {@code serve}: the pass (and its log) before anything else starts; a failure fails the start. */
    void onStart(@Observes @Priority(1) StartupEvent event, Instance<KfmSettings> settings,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        if (serving) {
            settings.get();
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
