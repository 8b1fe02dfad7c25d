package org.kfm.projection.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Rules 1 and 2: counts per dataset version, catalog membership, and the load digest; rings the loader closed. Pure. */
final class RowRules {
    private static final int NAMED_IN_MESSAGE = 3;
    private RowRules() {
    }

    /**
     * @param datasetVersionRows the shadow's {@code dataset_version} rows (id → declared count)
     * @param asLoaded           scan results of the rows as loaded (before any repair)
     */
    static List<Finding> check(Map<String, Expectation> expectations, Map<String, Long> datasetVersionRows,
                               Map<String, VersionStats> asLoaded) {
        List<Finding> out = new ArrayList<>();
        for (Expectation e : expectations.values()) {
            VersionStats s = asLoaded.getOrDefault(e.datasetVersionId(), VersionStats.none(e.datasetVersionId()));
            checkMembership(e, datasetVersionRows.get(e.datasetVersionId()), out);
            if (e.closedRingCount() > 0) {
                out.add(closedRings(e));
            }
            checkCounts(e, s.rows(), out);
            e.carried().ifPresent(c -> checkCarried(e.datasetVersionId(), c, s, out));
            e.loadDigest().filter(d -> !d.equals(s.digest())).ifPresent(d -> out.add(new Finding(
                    ParityRule.GEOMETRY_DIGEST, Severity.FAIL, e.datasetVersionId(), d, s.digest(),
                    "the geometry digest computed in SQL over the loaded rows differs from the one the loader "
                            + "computed while loading: rows were lost, duplicated or altered between the artifact "
                            + "and the table (check the loader and any trigger or default on feature_geom)")));
        }
        Set<String> unexpected = new TreeSet<>(datasetVersionRows.keySet());
        unexpected.addAll(asLoaded.keySet());
        unexpected.removeAll(expectations.keySet());
        for (String id : unexpected) {
            long rows = asLoaded.containsKey(id) ? asLoaded.get(id).rows() : 0;
            out.add(new Finding(ParityRule.DATASET_VERSION_UNEXPECTED, Severity.FAIL, id, "0", Long.toString(rows),
                    "the shadow holds dataset version " + id + " (" + Words.count(rows, "row") + " in feature_geom, "
                            + (datasetVersionRows.containsKey(id) ? "a" : "no") + " dataset_version row) that the "
                            + "catalog does not list: the load read from another catalog, or a migration inserts "
                            + "rows; rebuild from the promoted catalog"));
        }
        return out;
    }

    /** Not a failure: the operator chose to close rings; the finding says which features were changed. */
    private static Finding closedRings(Expectation e) {
        String named = e.closedRings().stream().limit(NAMED_IN_MESSAGE).map(ClosedRing::featureId)
                .collect(Collectors.joining(", "));
        return new Finding(ParityRule.CLOSED_RING, Severity.INFO, e.datasetVersionId(), "0",
                Long.toString(e.closedRingCount()), Words.count(e.closedRingCount(), "feature") + " of "
                + e.datasetVersionId() + " had unclosed rings, closed by the loader by appending their first position "
                + "(kfm.input.unclosed-ring = close; e.g. " + named + (e.closedRingCount() > NAMED_IN_MESSAGE ? ", ..." : "")
                + "); the digests cover the closed rings; fix the artifact upstream and promote a new version");
    }

    private static void checkMembership(Expectation e, Long tableDeclared, List<Finding> out) {
        String id = e.datasetVersionId();
        if (tableDeclared == null) {
            out.add(new Finding(ParityRule.DATASET_VERSION_MISSING, Severity.FAIL, id, "1", "0",
                    "the catalog lists dataset version " + id + " but the shadow has no dataset_version row for "
                            + "it: the loader skipped the item; rerun the rebuild and check its log for the item"));
        } else if (tableDeclared != e.declaredCount()) {
            out.add(new Finding(ParityRule.ROW_COUNT, Severity.FAIL, id, Long.toString(e.declaredCount()),
                    tableDeclared.toString(), "dataset_version.declared_feature_count of " + id + " is "
                            + tableDeclared + " but the catalog declares " + e.declaredCount()
                            + ": the shadow was loaded from a different catalog than the one validated"));
        }
    }

    /** A carried version must be live's rows as recorded at live's swap: same count, same digest. */
    private static void checkCarried(String id, Expectation.Carried c, VersionStats s, List<Finding> out) {
        if (s.rows() != c.rows() || !c.digest().equals(s.digest())) {
            out.add(new Finding(ParityRule.CARRIED_ROWS, Severity.FAIL, id, c.digest(), s.digest(),
                    "the " + Words.count(s.rows(), "row") + " of " + id + " carried from " + c.from() + " do not "
                            + "reproduce the " + Words.count(c.rows(), "row") + " and digest recorded when it was swapped "
                            + "in: live's rows were changed after the swap (an UPDATE, DELETE or INSERT outside the "
                            + "rebuild); rebuild with --full to load every version from its artifacts, and find who "
                            + "writes to the live projection"));
        }
    }

    private static void checkCounts(Expectation e, long rows, List<Finding> out) {
        String id = e.datasetVersionId();
        long declared = e.declaredCount();
        String read = e.featuresRead().isPresent() ? Long.toString(e.featuresRead().getAsLong()) : "not given";
        if (rows != declared) {
            out.add(new Finding(ParityRule.ROW_COUNT, Severity.FAIL, id, Long.toString(declared), Long.toString(rows),
                    "feature_geom holds " + Words.count(rows, "row") + " of " + id + " but the catalog declares " + declared
                            + " (loader read " + read + "): features were lost or duplicated on the way to the "
                            + "table, or the catalog's kfm:feature_count is wrong"));
        }
        if (e.featuresRead().isPresent() && e.featuresRead().getAsLong() != declared) {
            out.add(new Finding(ParityRule.ROW_COUNT, Severity.FAIL, id, Long.toString(declared), read,
                    "the loader read " + Words.count(e.featuresRead().getAsLong(), "feature") + " from the artifacts of " + id + " but the catalog "
                            + "declares " + declared + ": the artifact and the catalog disagree; fix the item's "
                            + "kfm:feature_count or the artifact upstream and promote a new version"));
        }
    }
}
