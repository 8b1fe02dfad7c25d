package org.kfm.projection.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
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
     */
    RebuildPlan plan(Catalog catalog, String targetVersion, Optional<Generation> live, Optional<PgIdentifier> liveSchema,
            ParityPolicy policy, boolean force) {
        Map<String, LiveVersions.Row> rows = live.isPresent() && liveSchema.isPresent()
                ? liveVersions.read(liveSchema.get()) : Map.of();
        Map<String, RecordedVersion> recorded = new TreeMap<>();
        live.flatMap(g -> RecordedVersions.fromReportJson(g.parity()))
                .ifPresent(l -> l.forEach(r -> recorded.put(r.datasetVersionId(), r)));
        Optional<RebuildPlan.Live> liveSide = live.map(g -> new RebuildPlan.Live(g.number(), g.catalogDigest(),
                g.migrationVersion(), g.rowCount() != null ? g.rowCount() : recordedTotal(g)));
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
            if (item == null) {
                versions.add(new RebuildPlan.Version(id, Change.REMOVED, Action.NONE, null, was.declaredRows(),
                        rows(recorded.get(id)), digest(recorded.get(id)), List.of(), was.checksums(), 0, List.of()));
                continue;
            }
            List<String> sums = item.assets().stream().map(DataAsset::checksum).toList();
            Change change = was == null ? Change.ADDED : was.checksums().equals(sums) ? Change.UNCHANGED
                    : Change.CHANGED;
            long size = 0;
            TreeSet<String> stores = new TreeSet<>();
            for (DataAsset a : item.assets()) {
                size += a.size();
                stores.add(store(a.href()));
                bytes.merge(store(a.href()), a.size(), Long::sum);
            }
            declared += item.declaredFeatureCount();
            versions.add(new RebuildPlan.Version(id, change, Action.LOAD, item.declaredFeatureCount(),
                    was == null ? null : was.declaredRows(), was == null ? null : rows(recorded.get(id)),
                    was == null ? null : digest(recorded.get(id)), sums, was == null ? List.of() : was.checksums(), size,
                    List.copyOf(stores)));
        }
        String from = live.map(Generation::migrationVersion).orElse(null);
        RebuildPlan.MigrationStep migration = new RebuildPlan.MigrationStep(from, targetVersion,
                migrator.newerThan(from), migrator.availableVersions().size(), !targetVersion.equals(from));
        return new RebuildPlan(catalog.digest(), liveSide, versions, migration, bytes,
                shrink(declared, liveSide.map(RebuildPlan.Live::rows).orElse(null), policy),
                RebuildPlan.Skip.decide(catalog.digest(), targetVersion, liveSide, force));
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
