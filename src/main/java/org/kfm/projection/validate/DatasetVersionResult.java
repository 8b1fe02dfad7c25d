package org.kfm.projection.validate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What parity found for one dataset version.
 *
 * @param datasetVersionId the dataset version
 * @param status           the worst severity among its findings ({@code PASS} when none warns or fails)
 * @param change           how it differs from live
 * @param declaredCount    the catalog's declared count; empty when the catalog does not list the version
 * @param featuresRead     what the loader read; empty when not given
 * @param rows             rows in the shadow's {@code feature_geom}
 * @param loadDigest       the digest the loader computed; empty when not given
 * @param sqlDigest        the digest computed in SQL over the shadow, after repair when geometries were
 *                         repaired: the one to record for the generation
 * @param preRepairDigest  the SQL digest of the rows as loaded, present only when geometries were
 *                         repaired (the load digest is compared with this one)
 * @param liveDigest       the SQL digest of the same version in live; empty when live lacks it or no live
 * @param sridMismatches   geometries whose SRID is not the target SRID
 * @param invalidCount     geometries that were invalid as loaded (before any repair)
 * @param emptyCount       empty geometries
 * @param geometryIssues   the first invalid and empty geometries, ordered by feature id, up to the cap
 * @param repairs          every geometry repaired with {@code ST_MakeValid}
 * @param extent           the 2D extent in WGS 84 of geometries with the target SRID; empty when none
 * @param closedRingCount  features whose unclosed rings the loader closed (input policy {@code close})
 * @param closedRings      those features, as many as the loader listed
 */
public record DatasetVersionResult(String datasetVersionId, Status status, Change change, OptionalLong declaredCount,
                                   OptionalLong featuresRead, long rows, Optional<String> loadDigest,
                                   String sqlDigest, Optional<String> preRepairDigest, Optional<String> liveDigest,
                                   long sridMismatches, long invalidCount, long emptyCount,
                                   List<GeometryIssue> geometryIssues, List<GeometryRepair> repairs,
                                   Optional<Extent> extent, long closedRingCount, List<ClosedRing> closedRings) {
    /** The verdict for one dataset version. */
    public enum Status {
        PASS,
        WARN,
        FAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a dataset version of the shadow relates to live. */
    public enum Change {
        /** Not in live (or there is no live generation yet). */
        ADDED,
        /** In live with a different digest. */
        CHANGED,
        /** In live with the same digest. */
        UNCHANGED,
        /** Listed in the catalog, absent from the shadow, present in live: the swap would remove it. */
        REMOVED,
        /** Listed in the catalog, absent from both the shadow and live. */
        ABSENT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DatasetVersionResult {
        Objects.requireNonNull(datasetVersionId, "datasetVersionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(sqlDigest, "sqlDigest");
        geometryIssues = List.copyOf(geometryIssues);
        repairs = List.copyOf(repairs);
        closedRings = List.copyOf(closedRings);
    }

    /** A result with no ring closed by the loader. */
    public DatasetVersionResult(String datasetVersionId, Status status, Change change, OptionalLong declaredCount,
                                OptionalLong featuresRead, long rows, Optional<String> loadDigest, String sqlDigest,
                                Optional<String> preRepairDigest, Optional<String> liveDigest, long sridMismatches,
                                long invalidCount, long emptyCount, List<GeometryIssue> geometryIssues,
                                List<GeometryRepair> repairs, Optional<Extent> extent) {
        this(datasetVersionId, status, change, declaredCount, featuresRead, rows, loadDigest, sqlDigest,
                preRepairDigest, liveDigest, sridMismatches, invalidCount, emptyCount, geometryIssues, repairs, extent,
                0, List.of());
    }

    /** False for a catalog dataset version the shadow lacks ({@link Change#REMOVED}, {@link Change#ABSENT}). */
    public boolean inShadow() {
        return change != Change.REMOVED && change != Change.ABSENT;
    }
}
