package org.kfm.projection.run;

import java.util.Optional;
import java.util.OptionalDouble;
import org.kfm.projection.catalog.LocationPolicy;
import org.kfm.projection.history.Trigger;

/**
 * What a caller asks of one rebuild.
 *
 * @param catalogUri root catalog; the configured one when empty
 * @param dryRun read and check the catalog, report what would happen, change nothing
 * @param noSwap build and validate the shadow, then stop before the swap (shadow kept)
 * @param force rebuild even when the catalog digest and migration version equal the live generation's
 * @param allowShrink accept a shadow smaller than live down to this fraction of its rows
 * @param keepShadowOnFailure keep the shadow for inspection when the run fails (the default)
 * @param locations what the catalog walk may read (the service's allowed prefixes for a catalog a
 *     caller named; everything otherwise)
 */
public record RebuildRequest(Optional<String> catalogUri, boolean dryRun, boolean noSwap, boolean force,
        OptionalDouble allowShrink, boolean keepShadowOnFailure, Trigger trigger, LocationPolicy locations) {

    public RebuildRequest(Optional<String> catalogUri, boolean dryRun, boolean noSwap, boolean force,
            OptionalDouble allowShrink, boolean keepShadowOnFailure, Trigger trigger) {
        this(catalogUri, dryRun, noSwap, force, allowShrink, keepShadowOnFailure, trigger, LocationPolicy.ANY);
    }

    public static RebuildRequest defaults(Trigger trigger) {
        return new RebuildRequest(Optional.empty(), false, false, false, OptionalDouble.empty(), true, trigger);
    }
}
