package org.kfm.projection.settings;

import java.util.Objects;
import org.kfm.projection.artifact.StoreSettings;

/**
 * Every validated setting of the application, built once at start-up by {@code config} from the
 * {@code kfm.*} configuration (or by a test), immutable afterwards. Each configured value has one
 * owner among these records.
 *
 * @param core the projection and where it lives ({@code kfm.projection.*}, schemas, catalog, reader role)
 * @param rebuild the rebuild's loading, parity, receipt and input rules
 * @param swap how swaps wait, retry and notify
 * @param store the S3 artifact store ({@code kfm.s3.*})
 * @param service what only {@code serve} reads
 */
public record KfmSettings(Settings core, RebuildSettings rebuild, SwapOptions swap, StoreSettings store,
        ServiceSettings service) {
    public KfmSettings {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(rebuild, "rebuild");
        Objects.requireNonNull(swap, "swap");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(service, "service");
    }
}
