package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.kfm.projection.migrate.PendingMigration;

/** A {@link RebuildPlan} as the receipt's {@code plan} object (docs/schemas/receipt.schema.json, $defs/plan). */
final class PlanJson {
    private PlanJson() {
    }

    static ObjectNode of(ObjectMapper json, RebuildPlan p) {
        ObjectNode n = json.createObjectNode().put("catalogDigest", p.catalogDigest());
        p.live().ifPresentOrElse(l -> {
            ObjectNode live = n.putObject("live").put("generation", l.generation())
                    .put("catalogDigest", l.catalogDigest()).put("migrationVersion", l.migrationVersion());
            if (l.rows() == null) {
                live.putNull("rows");
            } else {
                live.put("rows", l.rows());
            }
        }, () -> n.putNull("live"));
        ObjectNode counts = n.putObject("counts");
        p.counts().forEach((c, k) -> counts.put(c.label(), k));
        counts.put("carriable", p.carriable().size());
        ObjectNode actions = n.putObject("actions");
        for (RebuildPlan.Action a : RebuildPlan.Action.values()) {
            actions.put(a.label(), p.actions(a).size());
        }
        ArrayNode versions = n.putArray("datasetVersions");
        for (RebuildPlan.Version v : p.versions()) {
            ObjectNode o = versions.addObject().put("datasetVersionId", v.datasetVersionId())
                    .put("change", v.change().label()).put("action", v.action().label());
            number(o, "declaredRows", v.declaredRows());
            number(o, "liveDeclaredRows", v.liveDeclaredRows());
            number(o, "liveRecordedRows", v.liveRecordedRows());
            o.put("liveRecordedDigest", v.liveRecordedDigest());
            strings(o.putArray("checksums"), v.checksums());
            strings(o.putArray("liveChecksums"), v.liveChecksums());
            o.put("bytes", v.bytes());
            strings(o.putArray("stores"), v.stores());
            o.put("reason", v.reason());
        }
        RebuildPlan.MigrationStep m = p.migration();
        ObjectNode mig = n.putObject("migration").put("fromVersion", m.fromVersion()).put("toVersion", m.toVersion())
                .put("shapeChanged", m.shapeChanged()).put("totalScripts", m.totalScripts());
        ArrayNode scripts = mig.putArray("scripts");
        for (PendingMigration s : m.scripts()) {
            scripts.addObject().put("version", s.version()).put("script", s.script())
                    .put("rebuild", s.rebuild().orElse(null));
        }
        ArrayNode bytes = n.putArray("bytesToRead");
        for (Map.Entry<String, Long> e : p.bytesToRead().entrySet()) {
            bytes.addObject().put("store", e.getKey()).put("bytes", e.getValue());
        }
        RebuildPlan.Shrink s = p.shrink();
        ObjectNode shrink = n.putObject("shrinkGuard").put("verdict", s.verdict().label()).put("trips", s.trips())
                .put("declaredRows", s.declaredRows());
        number(shrink, "liveRows", s.liveRows());
        shrink.put("minFraction", s.minFraction()).put("allowShrink", s.allowShrink());
        number(shrink, "minimumRows", s.minimumRows());
        n.putObject("skip").put("skipped", p.skip().skipped()).put("reason", p.skip().reason());
        return n;
    }

    private static void number(ObjectNode o, String field, Long value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
