package org.kfm.projection.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.kfm.projection.settings.KfmSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the effective configuration once per process, as one INFO block with secrets masked, after the
 * validation pass: for {@code serve} at start, for a CLI command that uses the database before it runs
 * ({@code cli.Main}). Commands that need no database ({@code lint}, {@code --version}, help) print none.
 */
@ApplicationScoped
public class EffectiveConfigLog {
    private static final Logger LOG = LoggerFactory.getLogger(EffectiveConfigLog.class);

    private final Instance<KfmSettings> settings;
    private final AtomicBoolean logged = new AtomicBoolean();

    @Inject
    public EffectiveConfigLog(Instance<KfmSettings> settings) {
        this.settings = settings;
    }

    /** Validates the configuration (once) and logs it, the first time only. */
    public void log() {
        KfmSettings s = settings.get();
        if (!logged.compareAndSet(false, true)) {
            return;
        }
        Config raw = ConfigProvider.getConfig();
        Map<String, Optional<String>> datasource = new LinkedHashMap<>();
        for (String key : new String[] {"quarkus.datasource.jdbc.url", "quarkus.datasource.username",
            "quarkus.datasource.password", SettingsProducer.POOL_SIZE}) {
            datasource.put(key, raw.getOptionalValue(key, String.class));
        }
        LOG.info("{}", EffectiveConfig.describe(s, datasource));
    }
}
