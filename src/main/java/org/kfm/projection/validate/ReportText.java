package org.kfm.projection.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The human-readable report: a verdict line, the findings (failures first) with the listed
 * geometries under them, then one table row per dataset version and the changes against live.
 */
final class ReportText {
    private static final int LISTED_PER_FINDING = 20;
    private static final String[] HEADER = {"dataset version", "status", "change", "declared", "read", "rows",
        "srid≠", "invalid", "empty", "repaired", "sql digest"};

    private ReportText() {
    }

    static String render(ParityReport r) {
        StringBuilder out = new StringBuilder();
        out.append("parity ").append(r.passed() ? "passed" : "FAILED").append(" for ").append(r.shadowSchema())
                .append(r.liveSchema().map(l -> " (live " + l + ")").orElse(" (no live generation)")).append(": ")
                .append(plural(r.datasetVersions().size(), "dataset version")).append(", ")
                .append(plural(r.shadowRows(), "row"))
                .append(r.liveRows().isPresent() ? " (live " + r.liveRows().getAsLong() + ")" : "").append("; ")
                .append(plural(r.failures().size(), "failure")).append(", ")
                .append(plural(r.findings(Severity.WARN).size(), "warning")).append('\n');
        for (Finding f : r.findings()) {
            out.append(f.severity().name()).append(' ').append(f.rule().id()).append(' ')
                    .append(f.datasetVersionId() == null ? "-" : f.datasetVersionId()).append(": expected ")
                    .append(f.expected()).append(", actual ").append(f.actual()).append(": ").append(f.message())
                    .append('\n');
            details(r, f, out);
        }
        out.append('\n').append(table(r));
        ChangeSummary c = r.changes();
        out.append("changes: ").append(c.added().size()).append(" added ").append(c.added()).append(", ")
                .append(c.changed().size()).append(" changed ").append(c.changed()).append(", ")
                .append(c.removed().size()).append(" removed ").append(c.removed()).append(", ")
                .append(c.unchangedCount()).append(" unchanged; extent ")
                .append(c.extent().map(Extent::toString).orElse("none")).append('\n');
        return out.toString();
    }

    private static void details(ParityReport r, Finding f, StringBuilder out) {
        DatasetVersionResult d = f.datasetVersionId() == null ? null : r.result(f.datasetVersionId()).orElse(null);
        if (d == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        if (f.rule() == ParityRule.INVALID_GEOMETRY || f.rule() == ParityRule.EMPTY_GEOMETRY) {
            GeometryIssue.Problem p = f.rule() == ParityRule.EMPTY_GEOMETRY
                    ? GeometryIssue.Problem.EMPTY : GeometryIssue.Problem.INVALID;
            d.geometryIssues().stream().filter(i -> i.problem() == p)
                    .forEach(i -> lines.add(i.featureId() + ": " + i.reason()));
            if (f.severity() == Severity.INFO) {
                d.repairs().forEach(x -> lines.add(x.featureId() + ": repaired (" + x.reason() + "), "
                        + x.typeBefore() + " → " + x.typeAfter()));
            }
        }
        lines.stream().limit(LISTED_PER_FINDING).forEach(l -> out.append("    ").append(l).append('\n'));
        if (lines.size() > LISTED_PER_FINDING) {
            out.append("    ... ").append(lines.size() - LISTED_PER_FINDING).append(" more in the JSON report\n");
        }
    }

    private static String table(ParityReport r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (DatasetVersionResult d : r.datasetVersions()) {
            rows.add(new String[] {d.datasetVersionId(), d.status().label(), d.change().label(),
                num(d.declaredCount()), num(d.featuresRead()), Long.toString(d.rows()),
                Long.toString(d.sridMismatches()), Long.toString(d.invalidCount()), Long.toString(d.emptyCount()),
                Integer.toString(d.repairs().size()), d.sqlDigest()});
        }
        int[] width = new int[HEADER.length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String num(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "-";
    }

    private static String plural(long n, String noun) {
        return Words.count(n, noun);
    }
}
