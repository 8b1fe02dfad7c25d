package org.kfm.projection.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.kfm.projection.migrate.PendingMigration;
import org.kfm.projection.settings.ByteSize;

/**
 * What a rebuild of a catalog would do against the live generation, worked out before anything is
 * written: {@code rebuild --dry-run} prints it and records it in the dry run's receipt. An incremental
 * rebuild reads the same value to choose what it carries from live and what it loads.
 *
 * @param catalogDigest   the catalog's digest
 * @param live            the live generation as the ledger records it; empty when there is none
 * @param versions        one entry per dataset version of the catalog or of live, by id
 * @param migration       live's migration version to the target, and the files that are new since live's
 * @param bytesToRead     artifact bytes the versions to load read, per store ({@code file:}, {@code s3://bucket})
 * @param shrink          whether parity's shrink guard would trip on the declared rows
 * @param skip            whether the run would be skipped as already live
 */
public record RebuildPlan(String catalogDigest, Optional<Live> live, List<Version> versions, MigrationStep migration,
        SortedMap<String, Long> bytesToRead, Shrink shrink, Skip skip) {

    public RebuildPlan {
        Objects.requireNonNull(catalogDigest, "catalogDigest");
        Objects.requireNonNull(live, "live");
        versions = List.copyOf(versions);
        Objects.requireNonNull(migration, "migration");
        bytesToRead = new TreeMap<>(bytesToRead);
        Objects.requireNonNull(shrink, "shrink");
        Objects.requireNonNull(skip, "skip");
    }

    /** The versions with change {@code c}, in id order. */
    public List<Version> versions(Change c) {
        return versions.stream().filter(v -> v.change() == c).toList();
    }

    /** The versions whose action is {@code a}, in id order. */
    public List<Version> actions(Action a) {
        return versions.stream().filter(v -> v.action() == a).toList();
    }

    /**
     * The versions the rebuild carries from live instead of loading (docs/incremental.md): unchanged,
     * with rows and digest recorded for live (what parity must reproduce), built by live with the same
     * row recipe, and only when the migration version is live's and no {@code --full} was asked.
     */
    public List<Version> carriable() {
        return actions(Action.CARRY);
    }

    /** The artifact bytes the versions to load read, over every store. */
    public long totalBytesToRead() {
        return bytesToRead.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line: what is carried and what is loaded, with the bytes to read per store. */
    public String actionLine() {
        List<Version> carry = actions(Action.CARRY);
        List<Version> load = actions(Action.LOAD);
        long carriedRows = carry.stream().mapToLong(Version::liveRecordedRows).sum();
        return "carry " + carry.size() + " from live (" + carriedRows + " rows, no artifact read), load "
                + load.size() + " (" + bytesLine() + ")";
    }

    /** The bytes to read per store: "52.3 MB from file:, 1.2 GB from s3://bucket", or "no artifact bytes". */
    public String bytesLine() {
        if (bytesToRead.isEmpty()) {
            return "no artifact bytes";
        }
        StringBuilder sb = new StringBuilder();
        bytesToRead.forEach((store, n) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(ByteSize.human(n)).append(" from ").append(store));
        return sb.toString();
    }

    /** How many versions have each change (every change present, zeros included). */
    public Map<Change, Long> counts() {
        Map<Change, Long> out = new java.util.EnumMap<>(Change.class);
        for (Change c : Change.values()) {
            out.put(c, versions.stream().filter(v -> v.change() == c).count());
        }
        return out;
    }

    /** One line: the versions by change, and the shrink guard's verdict ("1 added, 0 changed, ...; shrink guard passes"). */
    public String changeLine() {
        StringBuilder sb = new StringBuilder();
        counts().forEach((c, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(c.label()));
        return sb.append("; shrink guard ").append(shrink.verdict().label()).toString();
    }

    /**
     * The live generation the plan compares with.
     *
     * @param rows the rows recorded at its swap; null when the ledger has none
     */
    public record Live(long generation, String catalogDigest, String migrationVersion, Long rows) {
    }

    /** A dataset version against live's generation. */
    public enum Change {
        /** in the catalog, not in live */
        ADDED,
        /** in both, with different asset checksums */
        CHANGED,
        /** in live, not in the catalog: the new generation will not have it */
        REMOVED,
        /** in both with the same asset checksums, in the same order (by asset key) */
        UNCHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the run does with a version's rows. */
    public enum Action {
        /** read and parse its artifacts */
        LOAD,
        /** copy its rows from live inside the database (incremental rebuild) */
        CARRY,
        /** nothing: a removed version is absent from the new generation */
        NONE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One dataset version.
     *
     * @param declaredRows     the catalog's declared feature count; null when removed
     * @param liveDeclaredRows the count live's {@code dataset_version} row declares; null when added
     * @param liveRecordedRows the rows parity recorded for it when live was swapped in; null when added or not recorded
     * @param liveRecordedDigest the SQL geometry digest parity recorded for it then; null likewise
     * @param checksums        the catalog's asset checksums in asset-key order; empty when removed
     * @param liveChecksums    live's {@code dataset_version.asset_checksums}; empty when added
     * @param bytes            the sum of its assets' {@code file:size}
     * @param stores           the stores its assets are read from
     * @param reason           why the action: what made a version load rather than be carried, or where
     *                         it is carried from
     */
    public record Version(String datasetVersionId, Change change, Action action, Long declaredRows,
            Long liveDeclaredRows, Long liveRecordedRows, String liveRecordedDigest, List<String> checksums,
            List<String> liveChecksums, long bytes, List<String> stores, String reason) {
        public Version {
            Objects.requireNonNull(datasetVersionId, "datasetVersionId");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
            if (action == Action.CARRY && (liveRecordedRows == null || liveRecordedDigest == null)) {
                throw new IllegalArgumentException(datasetVersionId + ": a carried version needs live's recorded "
                        + "rows and digest");
            }
            checksums = List.copyOf(checksums);
            liveChecksums = List.copyOf(liveChecksums);
            stores = List.copyOf(stores);
        }
    }

    /**
     * The migration step.
     *
     * @param fromVersion live's migration version; null when nothing is live
     * @param toVersion   the latest version the shadow is migrated to
     * @param scripts     the files newer than live's version (every file when nothing is live); the shadow,
     *                    built from scratch, runs all {@code totalScripts} of them
     * @param shapeChanged whether the versions differ: then every version must be loaded again
     */
    public record MigrationStep(String fromVersion, String toVersion, List<PendingMigration> scripts, int totalScripts,
            boolean shapeChanged) {
        public MigrationStep {
            Objects.requireNonNull(toVersion, "toVersion");
            scripts = List.copyOf(scripts);
        }
    }

    /** What parity's shrink guard (rule 6) would say of the declared rows. */
    public enum ShrinkVerdict {
        /** nothing is live, or live has no recorded rows: the guard does not apply */
        NOT_APPLICABLE,
        PASSES,
        /** below the guard, accepted as a warning */
        ALLOWED,
        /** below the guard: parity would fail the run */
        TRIPS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param declaredRows the shadow's rows if parity passes: the sum of the declared counts
     * @param liveRows     live's recorded rows; null when not applicable
     * @param minimumRows  ceil(minFraction × liveRows); null when not applicable
     */
    public record Shrink(ShrinkVerdict verdict, long declaredRows, Long liveRows, double minFraction,
            boolean allowShrink, Long minimumRows) {
        public boolean trips() {
            return verdict == ShrinkVerdict.TRIPS;
        }
    }

    /** @param reason why it would be skipped, or what differs from live */
    public record Skip(boolean skipped, String reason) {
        /** The rule the orchestrator applies: skipped when digest and migration version equal live's, unless forced. */
        public static Skip decide(String catalogDigest, String targetVersion, Optional<Live> live, boolean force) {
            if (live.isEmpty()) {
                return new Skip(false, "no live generation");
            }
            boolean same = catalogDigest.equals(live.get().catalogDigest())
                    && targetVersion.equals(live.get().migrationVersion());
            if (same && force) {
                return new Skip(false, "catalog and migrations unchanged, rebuilt anyway (--force)");
            }
            if (same) {
                return new Skip(true, "catalog " + catalogDigest + " and migration version " + targetVersion
                        + " are already live as generation " + live.get().generation());
            }
            return new Skip(false, catalogDigest.equals(live.get().catalogDigest())
                    ? "migration version " + live.get().migrationVersion() + " → " + targetVersion
                    : "catalog digest differs from live's");
        }
    }
}
