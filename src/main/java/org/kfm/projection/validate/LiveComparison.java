package org.kfm.projection.validate;

import org.kfm.projection.digest.DigestText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kfm.projection.validate.DatasetVersionResult.Change;

/** Rules 3 and 6 and the change summary: the shadow against the live generation. Pure. */
final class LiveComparison {
    private LiveComparison() {
    }

    /** One generation as parity sees it: dataset versions, their scan results and WGS 84 extents. */
    record Side(Set<String> datasetVersions, Map<String, VersionStats> stats, Map<String, Extent> extents) {
        long totalRows() {
            return stats.values().stream().mapToLong(VersionStats::rows).sum();
        }

        String digest(String id) {
            VersionStats s = stats.get(id);
            return s == null ? DigestText.EMPTY : s.digest();
        }

        long rows(String id) {
            VersionStats s = stats.get(id);
            return s == null ? 0 : s.rows();
        }
    }

    record Outcome(Map<String, Change> changes, ChangeSummary summary, List<Finding> findings) {
    }

    /** @param live empty when there is no live generation: everything in the shadow is then added */
    static Outcome compare(Side shadow, Optional<Side> live, ParityPolicy policy) {
        Map<String, Change> changes = new TreeMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Extent extent = null;
        for (String id : new TreeSet<>(shadow.datasetVersions())) {
            Change change = change(id, shadow, live);
            changes.put(id, change);
            if (change == Change.ADDED) {
                added.add(id);
                extent = union(extent, shadow.extents().get(id));
            } else if (change == Change.CHANGED) {
                changed.add(id);
                extent = union(union(extent, shadow.extents().get(id)), live.get().extents().get(id));
                findings.add(digestChanged(id, shadow, live.get(), policy));
            }
        }
        List<String> removed = new ArrayList<>();
        if (live.isPresent()) {
            for (String id : new TreeSet<>(live.get().datasetVersions())) {
                if (!shadow.datasetVersions().contains(id)) {
                    removed.add(id);
                    extent = union(extent, live.get().extents().get(id));
                }
            }
            shrink(shadow.totalRows(), live.get().totalRows(), policy).ifPresent(findings::add);
        }
        int unchanged = (int) changes.values().stream().filter(c -> c == Change.UNCHANGED).count();
        return new Outcome(changes, new ChangeSummary(added, changed, removed, unchanged, Optional.ofNullable(extent)),
                findings);
    }

    private static Change change(String id, Side shadow, Optional<Side> live) {
        if (live.isEmpty() || !live.get().datasetVersions().contains(id)) {
            return Change.ADDED;
        }
        return live.get().digest(id).equals(shadow.digest(id)) ? Change.UNCHANGED : Change.CHANGED;
    }

    private static Finding digestChanged(String id, Side shadow, Side live, ParityPolicy policy) {
        boolean fail = policy.liveDigestPolicy() == DigestChangePolicy.FAIL;
        return new Finding(ParityRule.LIVE_DIGEST_CHANGED, fail ? Severity.FAIL : Severity.WARN, id,
                live.digest(id), shadow.digest(id), "dataset version " + id + " has different geometries in live ("
                        + Words.count(live.rows(id), "row") + ") and in the shadow (" + Words.count(shadow.rows(id), "row")
                        + ") although its "
                        + "version did not change: the rebuild is not deterministic or the artifact was replaced "
                        + "without promoting a new version; find out which before swapping"
                        + (fail ? " (or set the live-digest policy to warn)" : " (policy warn: the swap may proceed)"));
    }

    private static Optional<Finding> shrink(long shadowRows, long liveRows, ParityPolicy policy) {
        // BigDecimal.valueOf(0.9) is exactly 0.9: a double product could round 900000 up to 900001.
        long minimum = BigDecimal.valueOf(policy.minShrinkFraction()).multiply(BigDecimal.valueOf(liveRows))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        if (liveRows == 0 || shadowRows >= minimum) {
            return Optional.empty();
        }
        String what = "the shadow holds " + Words.count(shadowRows, "row") + ", fewer than " + Extent.num(policy.minShrinkFraction())
                + " × the " + liveRows + " rows of live";
        return Optional.of(policy.allowShrink()
                ? new Finding(ParityRule.SHRINK, Severity.WARN, null, Long.toString(minimum), Long.toString(shadowRows),
                        what + "; allowed by configuration (allowShrink)")
                : new Finding(ParityRule.SHRINK, Severity.FAIL, null, Long.toString(minimum), Long.toString(shadowRows),
                        what + ": check that the catalog is complete (removed dataset versions are listed in the "
                                + "report's changes); if the shrink is intended, rerun with shrink allowed"));
    }

    private static Extent union(Extent a, Extent b) {
        return a == null ? b : b == null ? a : a.union(b);
    }
}
