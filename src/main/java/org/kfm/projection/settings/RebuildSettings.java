package org.kfm.projection.settings;

import org.kfm.projection.feature.UnclosedRingPolicy;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.kfm.projection.validate.DigestChangePolicy;
import org.kfm.projection.validate.InvalidGeometryPolicy;
import org.kfm.projection.validate.ParityPolicy;

/**
 * The rebuild's own settings ({@code kfm.load.*}, {@code kfm.parity.*}, {@code kfm.receipts.*},
 * {@code kfm.input.*}), validated. The SRID and the reader role parity checks come from
 * {@link Settings}, their one owner: {@link #parityPolicy} combines them.
 *
 * @param parallelism connections used for index builds and ANALYZE
 * @param copyStreams connections loading at once, one dataset version each. A stream keeps two
 *     processes busy, our parser thread and the server backend parsing the COPY, so on its own the
 *     configuration gives half the cores to COPY (at least one) and all of them to index builds
 * @param parity the configured parity rules; the shrink guard may be relaxed per run with --allow-shrink
 * @param writeReceiptsToStore also write receipts as receipts/&lt;run-id&gt;.json beside the catalog
 * @param unclosedRing {@code kfm.input.unclosed-ring}: what a polygon ring whose last position is not
 *     its first means
 * @param maxShadowBytes {@code kfm.load.max-shadow-bytes}: the disk a rebuild may take for a new
 *     shadow while live and previous stay; a shadow estimated larger is refused before it is written.
 *     Empty: no budget (the estimate is still logged and recorded)
 */
public record RebuildSettings(int parallelism, int copyStreams, ParitySettings parity, boolean writeReceiptsToStore,
        UnclosedRingPolicy unclosedRing, OptionalLong maxShadowBytes) {

    public RebuildSettings {
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(unclosedRing, "unclosedRing");
        Objects.requireNonNull(maxShadowBytes, "maxShadowBytes");
        if (maxShadowBytes.isPresent() && maxShadowBytes.getAsLong() < 1) {
            throw new IllegalArgumentException("max shadow bytes must be >= 1, got " + maxShadowBytes.getAsLong());
        }
        if (parallelism < 1 || copyStreams < 1) {
            throw new IllegalArgumentException("parallelism and copy streams must be >= 1, got " + parallelism
                    + " and " + copyStreams);
        }
    }

    /** Without a shadow budget. */
    public RebuildSettings(int parallelism, int copyStreams, ParitySettings parity, boolean writeReceiptsToStore,
            UnclosedRingPolicy unclosedRing) {
        this(parallelism, copyStreams, parity, writeReceiptsToStore, unclosedRing, OptionalLong.empty());
    }

    /** The documented defaults with {@code parallelism} connections for COPY streams and index builds alike. */
    public static RebuildSettings defaults(int parallelism) {
        return new RebuildSettings(parallelism, parallelism, ParitySettings.defaults(), true, UnclosedRingPolicy.REJECT);
    }

    /** How parity gets the live generation's rows, digests and extents. */
    public enum LiveBaselineMode {
        /** The results recorded for the live generation: no second scan of a table as large as the shadow. */
        RECORDED,
        /** A scan of the live tables, in the validation's transaction. */
        SCAN
    }

    /**
     * The parity rules' settings ({@code kfm.parity.*}).
     *
     * @param liveBaseline how parity compares with the live generation: with the results recorded when
     *     it was validated (the default; falls back to a scan when they are missing or belong to
     *     another generation than the one the live schema carries), or by scanning it again
     */
    public record ParitySettings(InvalidGeometryPolicy invalidGeometry, DigestChangePolicy liveDigestChange,
            double bboxTolerance, double minShrinkFraction, LiveBaselineMode liveBaseline) {
        public ParitySettings {
            Objects.requireNonNull(invalidGeometry, "invalidGeometry");
            Objects.requireNonNull(liveDigestChange, "liveDigestChange");
            Objects.requireNonNull(liveBaseline, "liveBaseline");
        }

        public static ParitySettings defaults() {
            return new ParitySettings(InvalidGeometryPolicy.REPORT, DigestChangePolicy.FAIL,
                    ParityPolicy.DEFAULT_BBOX_TOLERANCE, ParityPolicy.DEFAULT_MIN_SHRINK_FRACTION,
                    LiveBaselineMode.RECORDED);
        }
    }

    /** These settings with {@code n} connections for COPY streams and index builds alike. */
    public RebuildSettings withParallelism(int n) {
        return new RebuildSettings(n, n, parity, writeReceiptsToStore, unclosedRing, maxShadowBytes);
    }

    /** These settings with other parity rules. */
    public RebuildSettings withParity(ParitySettings p) {
        return new RebuildSettings(parallelism, copyStreams, p, writeReceiptsToStore, unclosedRing, maxShadowBytes);
    }

    /** These settings with or without receipts written beside the catalog. */
    public RebuildSettings withReceiptsInStore(boolean write) {
        return new RebuildSettings(parallelism, copyStreams, parity, write, unclosedRing, maxShadowBytes);
    }

    /** These settings with another shadow budget (empty: none). */
    public RebuildSettings withMaxShadowBytes(OptionalLong budget) {
        return new RebuildSettings(parallelism, copyStreams, parity, writeReceiptsToStore, unclosedRing, budget);
    }

    /**
     * The policy for one run of {@code core}'s projection: its SRID and reader role with these rules;
     * {@code --allow-shrink F} lowers the guard to F and accepts the shrink down to it.
     */
    public ParityPolicy parityPolicy(Settings core, OptionalDouble allowShrink) {
        ParityPolicy p = new ParityPolicy(core.srid(), parity.invalidGeometry(), parity.liveDigestChange(),
                parity.bboxTolerance(), parity.minShrinkFraction(), false,
                core.readerRole().map(r -> r.name()));
        return allowShrink.isPresent() ? p.withShrinkGuard(allowShrink.getAsDouble(), false) : p;
    }
}
