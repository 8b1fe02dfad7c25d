package org.kfm.projection.run;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.kfm.projection.catalog.LocationPolicy;
import org.kfm.projection.error.UsageException;
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
 * @param pruneBeforeLoad drop the previous generation (and retired ones) before the shadow is written,
 *     so its disk counts toward the shadow's budget; the rollback target is gone from then on
 * @param full load every dataset version from its artifacts, carrying none from live; {@link #force}
 *     implies it (carrying live into a copy of itself would rebuild nothing)
 */
public record RebuildRequest(Optional<String> catalogUri, boolean dryRun, boolean noSwap, boolean force,
        OptionalDouble allowShrink, boolean keepShadowOnFailure, Trigger trigger, LocationPolicy locations,
        boolean pruneBeforeLoad, boolean full) {

    public RebuildRequest {
        Objects.requireNonNull(allowShrink, "allowShrink");
        if (allowShrink.isPresent()) {
            shrinkAllowance("allowShrink", allowShrink.getAsDouble());
        }
    }

    /**
     * The one range check of a shrink allowance, for every entry point: empty when none is given.
     *
     * @param name how the caller named it ({@code --allow-shrink}, {@code allowShrink}), for the message
     * @throws UsageException {@code invalid-option} outside 0..1 (or NaN)
     */
    public static OptionalDouble shrinkAllowance(String name, Double fraction) {
        if (fraction == null) {
            return OptionalDouble.empty();
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new UsageException("invalid-option", name + " must be between 0 and 1, got " + fraction);
        }
        return OptionalDouble.of(fraction);
    }

    public RebuildRequest(Optional<String> catalogUri, boolean dryRun, boolean noSwap, boolean force,
            OptionalDouble allowShrink, boolean keepShadowOnFailure, Trigger trigger, LocationPolicy locations) {
        this(catalogUri, dryRun, noSwap, force, allowShrink, keepShadowOnFailure, trigger, locations, false, false);
    }

    /** Whether every dataset version is loaded from its artifacts: {@code --full}, or {@code --force}. */
    public boolean loadsEverything() {
        return full || force;
    }

    public RebuildRequest(Optional<String> catalogUri, boolean dryRun, boolean noSwap, boolean force,
            OptionalDouble allowShrink, boolean keepShadowOnFailure, Trigger trigger) {
        this(catalogUri, dryRun, noSwap, force, allowShrink, keepShadowOnFailure, trigger, LocationPolicy.ANY);
    }

    /** This request with or without {@code --prune-before-load}. */
    public RebuildRequest withPruneBeforeLoad(boolean prune) {
        return new RebuildRequest(catalogUri, dryRun, noSwap, force, allowShrink, keepShadowOnFailure, trigger,
                locations, prune, full);
    }

    /** This request with or without {@code --full}. */
    public RebuildRequest withFull(boolean loadAll) {
        return new RebuildRequest(catalogUri, dryRun, noSwap, force, allowShrink, keepShadowOnFailure, trigger,
                locations, pruneBeforeLoad, loadAll);
    }

    public static RebuildRequest defaults(Trigger trigger) {
        return new RebuildRequest(Optional.empty(), false, false, false, OptionalDouble.empty(), true, trigger);
    }
}
