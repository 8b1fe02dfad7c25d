package org.kfm.projection.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.kfm.projection.validate.DatasetVersionResult.Change;
import org.kfm.projection.validate.DatasetVersionResult.Status;

/** Turns what a {@link ValidationRun} gathered into one {@link DatasetVersionResult} per dataset version. */
final class ResultAssembler {
    private ResultAssembler() {
    }

    static List<DatasetVersionResult> results(Map<String, Expectation> expectations, ValidationRun.Gathered g) {
        Set<String> ids = new TreeSet<>(expectations.keySet());
        ids.addAll(g.shadow().datasetVersions());
        return ids.stream().map(id -> result(id, expectations.get(id), g)).toList();
    }

    private static DatasetVersionResult result(String id, Expectation e, ValidationRun.Gathered g) {
        VersionStats current = g.current().getOrDefault(id, VersionStats.none(id));
        VersionStats loaded = g.asLoaded().getOrDefault(id, current);
        List<GeometryRepair> repairs = g.repairs().getOrDefault(id, List.of());
        Optional<String> liveDigest = g.live().filter(l -> l.datasetVersions().contains(id)).map(l -> l.digest(id));
        return new DatasetVersionResult(id, status(id, g.findings()), change(id, g),
                e == null ? OptionalLong.empty() : OptionalLong.of(e.declaredCount()),
                e == null ? OptionalLong.empty() : e.featuresRead(), current.rows(),
                e == null ? Optional.empty() : e.loadDigest(), current.digest(),
                repairs.isEmpty() ? Optional.empty() : Optional.of(loaded.digest()), liveDigest,
                current.sridMismatches(), loaded.invalid(), current.empty(), g.issues().getOrDefault(id, List.of()),
                repairs, Optional.ofNullable(g.shadow().extents().get(id)), e == null ? 0 : e.closedRingCount(),
                e == null ? List.of() : e.closedRings());
    }

    private static Change change(String id, ValidationRun.Gathered g) {
        Change change = g.comparison().changes().get(id);
        if (change != null) {
            return change;
        }
        boolean inLive = g.live().map(l -> l.datasetVersions().contains(id)).orElse(false);
        return inLive ? Change.REMOVED : Change.ABSENT;
    }

    private static Status status(String id, List<Finding> findings) {
        Status status = Status.PASS;
        for (Finding f : findings) {
            if (id.equals(f.datasetVersionId())) {
                if (f.severity() == Severity.FAIL) {
                    return Status.FAIL;
                }
                if (f.severity() == Severity.WARN) {
                    status = Status.WARN;
                }
            }
        }
        return status;
    }
}
