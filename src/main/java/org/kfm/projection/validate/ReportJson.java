package org.kfm.projection.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The machine-readable report. Field names are a contract (receipts, the HTTP API, the swap's
 * NOTIFY payload) documented in {@code docs/parity.md}: add fields, never rename or remove them.
 * Absent values are {@code null}, never left out.
 */
final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static String render(ParityReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", r.passed());
        root.put("shadowSchema", r.shadowSchema());
        root.put("liveSchema", r.liveSchema().orElse(null));
        root.put("policy", policy(r.policy()));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("datasetVersions", r.datasetVersions().size());
        totals.put("shadowRows", r.shadowRows());
        totals.put("liveRows", value(r.liveRows()));
        totals.put("failures", r.findings(Severity.FAIL).size());
        totals.put("warnings", r.findings(Severity.WARN).size());
        totals.put("infos", r.findings(Severity.INFO).size());
        root.put("totals", totals);
        root.put("changes", changes(r.changes()));
        root.put("datasetVersions", r.datasetVersions().stream().map(ReportJson::result).toList());
        root.put("findings", r.findings().stream().map(ReportJson::finding).toList());
        root.put("elapsedMillis", r.elapsed().toMillis());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> policy(ParityPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetSrid", p.targetSrid());
        m.put("invalidGeometry", p.invalidPolicy().name().toLowerCase(Locale.ROOT));
        m.put("liveDigestChange", p.liveDigestPolicy().name().toLowerCase(Locale.ROOT));
        m.put("bboxToleranceDegrees", p.bboxToleranceDegrees());
        m.put("minShrinkFraction", p.minShrinkFraction());
        m.put("allowShrink", p.allowShrink());
        m.put("readerRole", p.readerRole().orElse(null));
        return m;
    }

    private static Map<String, Object> changes(ChangeSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", c.added());
        m.put("changed", c.changed());
        m.put("removed", c.removed());
        m.put("unchangedCount", c.unchangedCount());
        m.put("extent", extent(c.extent()));
        return m;
    }

    private static Map<String, Object> result(DatasetVersionResult d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("datasetVersionId", d.datasetVersionId());
        m.put("status", d.status().label());
        m.put("change", d.change().label());
        m.put("declaredCount", value(d.declaredCount()));
        m.put("featuresRead", value(d.featuresRead()));
        m.put("rows", d.rows());
        m.put("loadDigest", d.loadDigest().orElse(null));
        m.put("sqlDigest", d.sqlDigest());
        m.put("preRepairDigest", d.preRepairDigest().orElse(null));
        m.put("liveDigest", d.liveDigest().orElse(null));
        m.put("sridMismatches", d.sridMismatches());
        m.put("invalidCount", d.invalidCount());
        m.put("emptyCount", d.emptyCount());
        m.put("repairedCount", d.repairs().size());
        m.put("extent", extent(d.extent()));
        m.put("geometryIssues", d.geometryIssues().stream().map(i -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("featureId", i.featureId());
            g.put("problem", i.problem().label());
            g.put("reason", i.reason());
            return g;
        }).toList());
        m.put("repairs", d.repairs().stream().map(x -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("featureId", x.featureId());
            g.put("reason", x.reason());
            g.put("typeBefore", x.typeBefore());
            g.put("typeAfter", x.typeAfter());
            return g;
        }).toList());
        m.put("closedRingCount", d.closedRingCount());
        m.put("closedRings", d.closedRings().stream().map(x -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("featureId", x.featureId());
            g.put("evidenceRef", x.evidenceRef());
            g.put("rings", x.rings());
            return g;
        }).toList());
        return m;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule().id());
        m.put("severity", f.severity().label());
        m.put("datasetVersionId", f.datasetVersionId());
        m.put("expected", f.expected());
        m.put("actual", f.actual());
        m.put("message", f.message());
        return m;
    }

    private static List<Double> extent(Optional<Extent> e) {
        return e.map(x -> List.of(x.minX(), x.minY(), x.maxX(), x.maxY())).orElse(null);
    }

    private static Long value(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
