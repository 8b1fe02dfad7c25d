package org.kfm.projection.run;

import java.util.Optional;
import java.util.OptionalDouble;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.validate.ParityPolicy;

/**
 * The rebuild's own settings, validated.
 *
 * @param parallelism connections used for COPY and index builds
 * @param parity the parity policy; the shrink guard may be relaxed per run with --allow-shrink
 * @param readerRole the role that reads the projection; granted on every new generation
 * @param writeReceiptsToStore also write receipts as receipts/&lt;run-id&gt;.json beside the catalog
 */
public record RebuildSettings(int parallelism, ParityPolicy parity, Optional<PgIdentifier> readerRole,
        boolean writeReceiptsToStore) {

    /** The policy for one run: {@code --allow-shrink F} lowers the guard to F and accepts the shrink down to it. */
    public ParityPolicy parityPolicy(OptionalDouble allowShrink) {
        return allowShrink.isPresent() ? parity.withShrinkGuard(allowShrink.getAsDouble(), false) : parity;
    }
}
