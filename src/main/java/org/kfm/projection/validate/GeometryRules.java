package org.kfm.projection.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kfm.projection.validate.GeometryIssue.Problem;

/** Rule 4 held to the policy: SRID mismatches, invalid and empty geometries. Pure. */
final class GeometryRules {
    private static final int NAMED_IN_MESSAGE = 3;

    private GeometryRules() {
    }

    /**
     * @param asLoaded the scan of the rows as loaded; {@code current} the scan after any repair
     */
    static List<Finding> check(ParityPolicy policy, Map<String, VersionStats> asLoaded,
                               Map<String, VersionStats> current, Map<String, List<GeometryRepair>> repairs,
                               Map<String, List<GeometryIssue>> issues) {
        List<Finding> out = new ArrayList<>();
        for (VersionStats s : current.values()) {
            String id = s.datasetVersionId();
            List<GeometryIssue> listed = issues.getOrDefault(id, List.of());
            if (s.sridMismatches() > 0) {
                out.add(new Finding(ParityRule.SRID, Severity.FAIL, id, "0", Long.toString(s.sridMismatches()),
                        s.sridMismatches() + " of " + Words.count(s.rows(), "geometry") + " of " + id + " have SRID "
                                + s.otherSrids() + ", not the target SRID " + policy.targetSrid()
                                + ": the loader did not transform them; rebuild, and check the item's proj:epsg"));
            }
            long invalid = asLoaded.getOrDefault(id, s).invalid();
            if (invalid > 0) {
                out.add(invalidFinding(policy, id, invalid, repairs.getOrDefault(id, List.of()), listed));
            }
            if (policy.invalidPolicy() == InvalidGeometryPolicy.REPAIR && s.invalid() > 0) {
                out.add(new Finding(ParityRule.INVALID_GEOMETRY, Severity.FAIL, id, "0", Long.toString(s.invalid()),
                        Words.count(s.invalid(), "geometry") + " of " + id + " are still invalid after ST_MakeValid"
                                + named(listed, Problem.INVALID) + "; fix them upstream and promote a new version"));
            }
            if (s.empty() > 0) {
                boolean reject = policy.invalidPolicy() == InvalidGeometryPolicy.REJECT;
                out.add(new Finding(ParityRule.EMPTY_GEOMETRY, reject ? Severity.FAIL : Severity.WARN, id, "0",
                        Long.toString(s.empty()), s.empty() + " of " + Words.count(s.rows(), "geometry") + " of " + id
                                + " are empty" + named(listed, Problem.EMPTY) + (reject
                                ? " (policy reject): drop or fix them upstream and promote a new version"
                                : " and kept as published (policy " + label(policy) + "); they match no bbox query")));
            }
        }
        return out;
    }

    private static Finding invalidFinding(ParityPolicy policy, String id, long invalid, List<GeometryRepair> repairs,
                                          List<GeometryIssue> listed) {
        String count = Long.toString(invalid);
        return switch (policy.invalidPolicy()) {
            case REPORT -> new Finding(ParityRule.INVALID_GEOMETRY, Severity.WARN, id, "0", count,
                    Words.count(invalid, "invalid geometry") + " in " + id + named(listed, Problem.INVALID)
                    + ", kept as published (policy report); repair belongs upstream in promotion");
            case REJECT -> new Finding(ParityRule.INVALID_GEOMETRY, Severity.FAIL, id, "0", count,
                    Words.count(invalid, "invalid geometry") + " in " + id + named(listed, Problem.INVALID)
                    + " (policy reject): repair them upstream and promote a new version, or choose policy report");
            case REPAIR -> new Finding(ParityRule.INVALID_GEOMETRY, Severity.INFO, id, "0", count,
                    Words.count(invalid, "invalid geometry") + " in " + id + " repaired with ST_MakeValid (policy repair; "
                    + repairs.stream().filter(GeometryRepair::typeChanged).count() + " changed type"
                    + typeChanges(repairs) + "); the digest to record is the one after repair");
        };
    }

    private static String named(List<GeometryIssue> listed, Problem problem) {
        List<GeometryIssue> of = listed.stream().filter(i -> i.problem() == problem).toList();
        if (of.isEmpty()) {
            return "";
        }
        String names = of.stream().limit(NAMED_IN_MESSAGE)
                .map(i -> i.featureId() + (problem == Problem.INVALID ? " (" + i.reason() + ")" : ""))
                .collect(Collectors.joining(", "));
        return " (e.g. " + names + (of.size() > NAMED_IN_MESSAGE ? ", ..." : "") + ")";
    }

    private static String typeChanges(List<GeometryRepair> repairs) {
        Map<String, Long> changes = repairs.stream().filter(GeometryRepair::typeChanged)
                .collect(Collectors.groupingBy(r -> r.typeBefore() + " → " + r.typeAfter(), TreeMap::new,
                        Collectors.counting()));
        return changes.isEmpty() ? "" : ": " + changes.entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String label(ParityPolicy policy) {
        return policy.invalidPolicy().name().toLowerCase(Locale.ROOT);
    }
}
