package org.kfm.projection.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kfm.projection.db.PgIdentifier;

/**
 * One validation inside the validator's transaction: gathers what the database holds (one scan of
 * the shadow, one of live, small follow-ups only where something was found), then holds it to the
 * rules. Rows as loaded and rows after repair are kept apart: the load digest is compared with the
 * former, live and the recorded digest use the latter.
 */
final class ValidationRun {
    private final Connection connection;
    private final ParityPolicy policy;
    private final int sampleCap;
    private final Map<String, Expectation> expectations;

    ValidationRun(Connection connection, ParityPolicy policy, int sampleCap, Map<String, Expectation> expectations) {
        this.connection = connection;
        this.policy = policy;
        this.sampleCap = sampleCap;
        this.expectations = expectations;
    }

    /** Everything the rules found, before it becomes a report. */
    record Gathered(Map<String, VersionStats> asLoaded, Map<String, VersionStats> current,
                    Map<String, List<GeometryRepair>> repairs, Map<String, List<GeometryIssue>> issues,
                    LiveComparison.Side shadow, Optional<LiveComparison.Side> live,
                    LiveComparison.Outcome comparison, List<Finding> findings) {
    }

    /** @param scan the shadow's scan, started ahead; empty to scan the shadow in this transaction */
    Gathered run(PgIdentifier shadowSchema, Optional<LiveBaseline> live, Optional<ShadowScan> scan)
            throws SQLException {
        StatsQuery shadow = new StatsQuery(connection, shadowSchema);
        shadow.requireTables("shadow");
        Optional<StatsQuery> liveScan = live.filter(l -> l.recorded().isEmpty())
                .map(l -> new StatsQuery(connection, l.schema()));
        if (liveScan.isPresent()) {
            liveScan.get().requireTables("live");
        }
        Map<String, Long> datasetVersionRows = shadow.datasetVersionRows();
        Map<String, VersionStats> asLoaded = scan.isPresent() ? scan.get().await()
                : shadow.shadowStats(policy.targetSrid(), null);
        GeometryChecks geometry = new GeometryChecks(connection, shadow.sql(), sampleCap);
        Map<String, List<GeometryRepair>> repairs = repair(shadow, geometry, asLoaded);
        Map<String, VersionStats> current = repairs.isEmpty() ? asLoaded
                : merged(asLoaded, shadow.shadowStats(policy.targetSrid(), repairs.keySet()));
        Map<String, List<GeometryIssue>> issues = geometry.samples(current);
        ExtentCheck.Outcome extents = new ExtentCheck(connection, shadow.sql(), policy.targetSrid())
                .check(expectations, current, policy.bboxToleranceDegrees());
        LiveComparison.Side shadowSide = new LiveComparison.Side(union(datasetVersionRows.keySet(), current.keySet()),
                current, extents.extents());
        Optional<LiveComparison.Side> liveSide = live.isEmpty() ? Optional.empty()
                : Optional.of(liveScan.isPresent() ? scanned(liveScan.get()) : recorded(live.get().recorded().get()));
        LiveComparison.Outcome comparison = LiveComparison.compare(shadowSide, liveSide, policy);

        List<Finding> findings = new ArrayList<>(RowRules.check(expectations, datasetVersionRows, asLoaded));
        findings.addAll(GeometryRules.check(policy, asLoaded, current, repairs, issues));
        findings.addAll(extents.findings());
        findings.addAll(comparison.findings());
        if (policy.readerRole().isPresent()) {
            findings.addAll(new ReaderGrantCheck(connection, shadow.sql())
                    .check(shadowSchema, PgIdentifier.of(policy.readerRole().get())));
        }
        return new Gathered(asLoaded, current, repairs, issues, shadowSide, liveSide, comparison, findings);
    }

    private Map<String, List<GeometryRepair>> repair(StatsQuery shadow, GeometryChecks geometry,
                                                     Map<String, VersionStats> asLoaded) throws SQLException {
        List<String> invalid = asLoaded.values().stream().filter(s -> s.invalid() > 0)
                .map(VersionStats::datasetVersionId).toList();
        if (policy.invalidPolicy() != InvalidGeometryPolicy.REPAIR || invalid.isEmpty()) {
            return Map.of();
        }
        return geometry.repair(invalid);
    }

    private LiveComparison.Side scanned(StatsQuery live) throws SQLException {
        Map<String, VersionStats> stats = live.liveStats(policy.targetSrid());
        Map<String, Extent> extents = new ExtentCheck(connection, live.sql(), policy.targetSrid()).toWgs84(stats);
        return new LiveComparison.Side(union(live.datasetVersionRows().keySet(), stats.keySet()), stats, extents);
    }

    private static LiveComparison.Side recorded(List<RecordedVersion> versions) {
        Map<String, VersionStats> stats = new TreeMap<>();
        Map<String, Extent> extents = new TreeMap<>();
        for (RecordedVersion v : versions) {
            stats.put(v.datasetVersionId(), new VersionStats(v.datasetVersionId(), v.rows(), v.digest(), 0, 0, 0, 0, 0,
                    null));
            v.extent().ifPresent(e -> extents.put(v.datasetVersionId(), e));
        }
        return new LiveComparison.Side(stats.keySet(), stats, extents);
    }

    private static Map<String, VersionStats> merged(Map<String, VersionStats> base, Map<String, VersionStats> update) {
        Map<String, VersionStats> out = new TreeMap<>(base);
        out.putAll(update);
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
