package org.kfm.projection.run;

import java.util.Optional;
import java.util.OptionalDouble;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.kfm.projection.validate.ParityPolicy;

/**
 * The rebuild's own settings, validated.
 *
 * @param parallelism connections used for index builds and ANALYZE
 * @param parity the parity policy; the shrink guard may be relaxed per run with --allow-shrink
 * @param readerRole the role that reads the projection; granted on every new generation
 * @param writeReceiptsToStore also write receipts as receipts/&lt;run-id&gt;.json beside the catalog
 * @param liveBaseline how parity compares with the live generation: with the results recorded when it
 *     was validated (the default; falls back to a scan when they are missing or belong to another
 *     generation than the one the live schema carries), or by scanning it again
 * @param copyStreams connections loading at once, one dataset version each. A stream keeps two
 *     processes busy, our parser thread and the server backend parsing the COPY, so on its own the
 *     configuration gives half the cores to COPY (at least one) and all of them to index builds
 * @param unclosedRings what the loader's readers do with an unclosed polygon ring ({@code kfm.input.unclosed-ring})
 */
public record RebuildSettings(int parallelism, ParityPolicy parity, Optional<PgIdentifier> readerRole,
        boolean writeReceiptsToStore, LiveBaselineMode liveBaseline, int copyStreams,
        UnclosedRingPolicy unclosedRings) {

    public RebuildSettings {
        if (parallelism < 1 || copyStreams < 1) {
            throw new IllegalArgumentException("parallelism and copy streams must be >= 1, got " + parallelism
                    + " and " + copyStreams);
        }
        java.util.Objects.requireNonNull(unclosedRings, "unclosedRings");
    }

    /** The settings with unclosed rings refused (the default policy). */
    public RebuildSettings(int parallelism, ParityPolicy parity, Optional<PgIdentifier> readerRole,
            boolean writeReceiptsToStore, LiveBaselineMode liveBaseline, int copyStreams) {
        this(parallelism, parity, readerRole, writeReceiptsToStore, liveBaseline, copyStreams,
                UnclosedRingPolicy.REJECT);
    }

    /** How parity gets the live generation's rows, digests and extents. */
    public enum LiveBaselineMode {
        /** The results recorded for the live generation: no second scan of a table as large as the shadow. */
        RECORDED,
        /** A scan of the live tables, in the validation's transaction. */
        SCAN
    }

    /** The settings without a choice of live baseline: recorded results, falling back to a scan. */
    public RebuildSettings(int parallelism, ParityPolicy parity, Optional<PgIdentifier> readerRole,
            boolean writeReceiptsToStore) {
        this(parallelism, parity, readerRole, writeReceiptsToStore, LiveBaselineMode.RECORDED, parallelism);
    }

    /** The settings with a live-baseline mode and {@code parallelism} for COPY streams and index builds alike. */
    public RebuildSettings(int parallelism, ParityPolicy parity, Optional<PgIdentifier> readerRole,
            boolean writeReceiptsToStore, LiveBaselineMode liveBaseline) {
        this(parallelism, parity, readerRole, writeReceiptsToStore, liveBaseline, parallelism);
    }

    /** These settings with {@code n} connections for COPY streams and index builds alike. */
    public RebuildSettings withParallelism(int n) {
        return new RebuildSettings(n, parity, readerRole, writeReceiptsToStore, liveBaseline, n, unclosedRings);
    }

    /** These settings with another choice of live baseline. */
    public RebuildSettings withLiveBaseline(LiveBaselineMode mode) {
        return new RebuildSettings(parallelism, parity, readerRole, writeReceiptsToStore, mode, copyStreams,
                unclosedRings);
    }

    /** These settings with another policy for unclosed rings. */
    public RebuildSettings withUnclosedRings(UnclosedRingPolicy policy) {
        return new RebuildSettings(parallelism, parity, readerRole, writeReceiptsToStore, liveBaseline, copyStreams,
                policy);
    }

    /** The policy for one run: {@code --allow-shrink F} lowers the guard to F and accepts the shrink down to it. */
    public ParityPolicy parityPolicy(OptionalDouble allowShrink) {
        return allowShrink.isPresent() ? parity.withShrinkGuard(allowShrink.getAsDouble(), false) : parity;
    }
}
