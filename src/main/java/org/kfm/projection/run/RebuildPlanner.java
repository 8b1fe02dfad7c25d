package org.kfm.projection.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import com.fasterxml.jackson.databind.JsonNode;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.kfm.projection.load.LiveCarrier;
import org.kfm.projection.history.Generation;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.run.RebuildPlan.Action;
import org.kfm.projection.run.RebuildPlan.Change;
import org.kfm.projection.run.RebuildPlan.ShrinkVerdict;
import org.kfm.projection.validate.ParityPolicy;
import org.kfm.projection.validate.RecordedVersion;
import org.kfm.projection.validate.RecordedVersions;

/**
 * Works out a {@link RebuildPlan}: reads the live generation's ledger record and its
 * {@code dataset_version} rows, and the migration files' headers; writes nothing.
 *
 * <p>A version is unchanged when live has the same {@code kfm:dataset_version_id} and the same
 * asset checksums (the {@code file:checksum} of each data asset, in asset-key order) in its
 * {@code dataset_version.asset_checksums}, which the loader writes with the version's features.
 */
final class RebuildPlanner {
    private final SchemaMigrator migrator;
    private final LiveVersions liveVersions;

    RebuildPlanner(SchemaMigrator migrator, LiveVersions liveVersions) {
        this.migrator = migrator;
        this.liveVersions = liveVersions;
    }

    /**
     * @param live       the ledger's live generation, if any
     * @param liveSchema the live schema when it exists
     * @param loadAll    {@code --full} or {@code --force}: load every version, carry none
     * @param rings      the loader's unclosed-ring policy, part of the recipe of a version's rows
     */
    RebuildPlan plan(Catalog catalog, String targetVersion, Optional<Generation> live, Optional<PgIdentifier> liveSchema,
            ParityPolicy policy, boolean force, boolean loadAll, UnclosedRingPolicy rings) {
        Map<String, LiveVersions.Row> rows = live.isPresent() && liveSchema.isPresent()
                ? liveVersions.read(liveSchema.get()) : Map.of();
        Map<String, RecordedVersion> recorded = new TreeMap<>();
        live.flatMap(g -> RecordedVersions.fromReportJson(g.parity()))
                .ifPresent(l -> l.forEach(r -> recorded.put(r.datasetVersionId(), r)));
        Optional<RebuildPlan.Live> liveSide = live.map(g -> new RebuildPlan.Live(g.number(), g.catalogDigest(),
                g.migrationVersion(), g.rowCount() != null ? g.rowCount() : recordedTotal(g)));
        String from = live.map(Generation::migrationVersion).orElse(null);
        RebuildPlan.MigrationStep migration = new RebuildPlan.MigrationStep(from, targetVersion,
                migrator.newerThan(from), migrator.availableVersions().size(), !targetVersion.equals(from));
        Optional<String> noCarry = noCarry(live, liveSchema, migration, policy, force, loadAll);
        List<RebuildPlan.Version> versions = new ArrayList<>();
        SortedMap<String, Long> bytes = new TreeMap<>();
        long declared = 0;
        TreeSet<String> ids = new TreeSet<>(rows.keySet());
        Map<String, CatalogItem> items = new TreeMap<>();
        for (CatalogItem item : catalog.items()) {
            items.put(item.datasetVersionId(), item);
            ids.add(item.datasetVersionId());
        }
        for (String id : ids) {
            CatalogItem item = items.get(id);
            LiveVersions.Row was = rows.get(id);
            RecordedVersion rec = recorded.get(id);
            if (item == null) {
                versions.add(new RebuildPlan.Version(id, Change.REMOVED, Action.NONE, null, was.declaredRows(),
                        rows(rec), digest(rec), List.of(), was.checksums(), 0, List.of(),
                        "not in the catalog: absent from the new generation"));
                continue;
            }
            List<String> sums = item.assets().stream().map(DataAsset::checksum).toList();
            Change change = was == null ? Change.ADDED : was.checksums().equals(sums) ? Change.UNCHANGED
                    : Change.CHANGED;
            Optional<String> notCarried = change == Change.ADDED ? Optional.of("not in live")
                    : change == Change.CHANGED ? Optional.of("asset checksums differ from live's")
                    : noCarry.or(() -> notCarried(item, was, rec, live.get().parity(), rings));
            Action action = notCarried.isPresent() ? Action.LOAD : Action.CARRY;
            long size = 0;
            TreeSet<String> stores = new TreeSet<>();
            for (DataAsset a : item.assets()) {
                size += a.size();
                stores.add(store(a.href()));
                if (action == Action.LOAD) {
                    bytes.merge(store(a.href()), a.size(), Long::sum);
                }
            }
            declared += item.declaredFeatureCount();
            versions.add(new RebuildPlan.Version(id, change, action, item.declaredFeatureCount(),
                    was == null ? null : was.declaredRows(), was == null ? null : rows(rec),
                    was == null ? null : digest(rec), sums, was == null ? List.of() : was.checksums(), size,
                    List.copyOf(stores), notCarried.orElseGet(() -> "unchanged: carried from live generation "
                            + live.get().number() + " (" + liveSchema.get() + ")")));
        }
        return new RebuildPlan(catalog.digest(), liveSide, versions, migration, bytes,
                shrink(declared, liveSide.map(RebuildPlan.Live::rows).orElse(null), policy),
                RebuildPlan.Skip.decide(catalog.digest(), targetVersion, liveSide, force));
    }

    /** Why no version can be carried, whatever it is: nothing live, a new shape, a request, another recipe. */
    private static Optional<String> noCarry(Optional<Generation> live, Optional<PgIdentifier> liveSchema,
            RebuildPlan.MigrationStep migration, ParityPolicy policy, boolean force, boolean loadAll) {
        if (live.isEmpty() || liveSchema.isEmpty()) {
            return Optional.of("nothing is live");
        }
        if (loadAll) {
            return Optional.of(force ? "--force loads every version" : "--full loads every version");
        }
        if (migration.shapeChanged()) {
            return Optional.of("migration version " + migration.fromVersion() + " → " + migration.toVersion()
                    + " changes the tables' shape");
        }
        JsonNode recipe = live.get().parity() == null ? null : live.get().parity().get("policy");
        if (recipe == null || !recipe.path("targetSrid").canConvertToInt()
                || !recipe.path("invalidGeometry").isTextual()) {
            return Optional.of("live generation " + live.get().number() + " has no recorded parity policy");
        }
        if (recipe.path("targetSrid").asInt() != policy.targetSrid()) {
            return Optional.of("live was built for target SRID " + recipe.path("targetSrid").asInt() + ", this run "
                    + "for " + policy.targetSrid());
        }
        String invalid = policy.invalidPolicy().name().toLowerCase(Locale.ROOT);
        if (!recipe.path("invalidGeometry").asText().equals(invalid)) {
            return Optional.of("live was built with invalid-geometry policy " + recipe.path("invalidGeometry").asText()
                    + ", this run uses " + invalid);
        }
        return Optional.empty();
    }

    /**
     * Why an unchanged version cannot be carried: live has no recorded result for it, or the item
     * values its rows are derived from differ, or live closed rings this run's policy would refuse.
     */
    private static Optional<String> notCarried(CatalogItem item, LiveVersions.Row was, RecordedVersion rec,
            JsonNode liveReport, UnclosedRingPolicy rings) {
        if (rec == null) {
            return Optional.of("live has no recorded rows and digest for it");
        }
        if (was.declaredRows() != item.declaredFeatureCount() || rec.rows() != item.declaredFeatureCount()) {
            return Optional.of("declared count " + item.declaredFeatureCount() + " differs from live's "
                    + was.declaredRows() + " (recorded rows " + rec.rows() + ")");
        }
        if (!item.id().equals(was.itemId())) {
            return Optional.of("item id " + item.id() + " differs from live's " + was.itemId());
        }
        if (item.sourceEpsg() != was.sourceEpsg()) {
            return Optional.of("source EPSG " + item.sourceEpsg() + " differs from live's " + was.sourceEpsg());
        }
        if (!LiveCarrier.asStored(item.promotedAt()).equals(was.promotedAt())) {
            return Optional.of("kfm:promoted_at " + item.promotedAt() + " differs from live's " + was.promotedAt());
        }
        if (rings != UnclosedRingPolicy.CLOSE && closedRings(liveReport, item.datasetVersionId()) != 0) {
            return Optional.of("live closed unclosed rings of it, which kfm.input.unclosed-ring = "
                    + rings.name().toLowerCase(Locale.ROOT) + " refuses");
        }
        return Optional.empty();
    }

    /** The rings live's loader closed in a version (its parity report's closedRingCount); -1 when not recorded. */
    private static long closedRings(JsonNode report, String datasetVersionId) {
        for (JsonNode v : report.path("datasetVersions")) {
            if (datasetVersionId.equals(v.path("datasetVersionId").asText())) {
                return v.path("closedRingCount").asLong(-1);
            }
        }
        return -1;
    }

    /** As parity's rule 6 (validate/LiveComparison), on the declared rows the shadow will hold if parity passes. */
    static RebuildPlan.Shrink shrink(long declared, Long liveRows, ParityPolicy policy) {
        if (liveRows == null || liveRows == 0) {
            return new RebuildPlan.Shrink(ShrinkVerdict.NOT_APPLICABLE, declared, liveRows,
                    policy.minShrinkFraction(), policy.allowShrink(), null);
        }
        long minimum = BigDecimal.valueOf(policy.minShrinkFraction()).multiply(BigDecimal.valueOf(liveRows))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        ShrinkVerdict verdict = declared >= minimum ? ShrinkVerdict.PASSES
                : policy.allowShrink() ? ShrinkVerdict.ALLOWED : ShrinkVerdict.TRIPS;
        return new RebuildPlan.Shrink(verdict, declared, liveRows, policy.minShrinkFraction(), policy.allowShrink(),
                minimum);
    }

    /** The store an artifact is read from: {@code file:}, or scheme and bucket ({@code s3://bucket}). */
    static String store(URI href) {
        String scheme = href.getScheme() == null ? "file" : href.getScheme();
        return "file".equals(scheme) ? "file:" : scheme + "://" + (href.getAuthority() == null ? ""
                : href.getAuthority());
    }

    private static Long rows(RecordedVersion r) {
        return r == null ? null : r.rows();
    }

    private static String digest(RecordedVersion r) {
        return r == null ? null : r.digest();
    }

    private static Long recordedTotal(Generation g) {
        return RecordedVersions.fromReportJson(g.parity())
                .map(l -> l.stream().mapToLong(RecordedVersion::rows).sum()).orElse(null);
    }
}
