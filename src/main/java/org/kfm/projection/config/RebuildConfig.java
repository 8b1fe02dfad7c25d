package org.kfm.projection.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.kfm.projection.run.RebuildSettings;
import org.kfm.projection.validate.DigestChangePolicy;
import org.kfm.projection.validate.InvalidGeometryPolicy;
import org.kfm.projection.validate.ParityPolicy;

/** Turns the raw rebuild, parity and swap settings into validated values, listing every problem at once. */
final class RebuildConfig {
    private RebuildConfig() {
    }

    /** @param poolSize the datasource's maximum pool size: the load needs its connections plus the lock's and ops writes' */
    static RebuildSettings rebuildSettings(KfmConfig c, Settings s, int poolSize) {
        List<String> problems = new ArrayList<>();
        boolean auto = c.load().parallelism() == 0;
        // auto: all cores (within what the pool can give) build indexes; a COPY stream keeps a parser
        // thread and a server backend busy, so half of them load
        int parallelism = auto ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), poolSize - 2))
                : c.load().parallelism();
        int copyStreams = auto ? Math.max(1, parallelism / 2) : parallelism;
        if (parallelism < 1 || parallelism > 64) {
            problems.add("kfm.load.parallelism: must be 0 (= cores) or 1..64, got " + c.load().parallelism());
        } else if (parallelism + 2 > poolSize) {
            problems.add("kfm.load.parallelism: " + parallelism + " connection(s) for loading plus one for the rebuild "
                    + "lock and one for run records need quarkus.datasource.jdbc.max-size >= " + (parallelism + 2)
                    + ", which is " + poolSize + ": lower the parallelism or raise the pool size "
                    + "(QUARKUS_DATASOURCE_JDBC_MAX_SIZE)");
        }
        InvalidGeometryPolicy invalid = parse(InvalidGeometryPolicy.class, "kfm.parity.invalid-geometry",
                c.parity().invalidGeometry(), problems);
        DigestChangePolicy digest = parse(DigestChangePolicy.class, "kfm.parity.live-digest-change",
                c.parity().liveDigestChange(), problems);
        UnclosedRingPolicy rings = parse(UnclosedRingPolicy.class, "kfm.input.unclosed-ring",
                c.input().unclosedRing(), problems);
        RebuildSettings.LiveBaselineMode baseline = parse(RebuildSettings.LiveBaselineMode.class,
                "kfm.parity.live-baseline", c.parity().liveBaseline(), problems);
        double fraction = c.parity().minShrinkFraction();
        if (!(fraction >= 0 && fraction <= 1)) {
            problems.add("kfm.parity.min-shrink-fraction: must be between 0 and 1, got " + fraction);
        }
        if (!(c.parity().bboxTolerance() >= 0)) {
            problems.add("kfm.parity.bbox-tolerance: must be zero or more, got " + c.parity().bboxTolerance());
        }
        Optional<PgIdentifier> reader = readerRole(c, problems);
        if (!problems.isEmpty()) {
            throw new UsageException("invalid-config", "invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        ParityPolicy policy = new ParityPolicy(s.srid(), invalid, digest, c.parity().bboxTolerance(), fraction, false,
                reader.map(PgIdentifier::name));
        return new RebuildSettings(parallelism, policy, reader, c.receipts().writeToStore(), baseline, copyStreams,
                rings);
    }

    private static Optional<PgIdentifier> readerRole(KfmConfig c, List<String> problems) {
        try {
            return c.swap().readerRole().filter(r -> !r.isBlank()).map(PgIdentifier::of);
        } catch (KfmException e) {
            problems.add("kfm.swap.reader-role: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String value, List<String> problems) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT));
            return type.getEnumConstants()[0];
        }
    }
}
