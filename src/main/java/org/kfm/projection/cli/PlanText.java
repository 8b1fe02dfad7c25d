package org.kfm.projection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A dry run's plan (the receipt's {@code plan}) as a compact table for people. */
final class PlanText {
    private static final String ROW = "%-40s %-9s %-6s %10s %10s %10s %12s%n";

    private PlanText() {
    }

    static void print(PrintWriter out, JsonNode plan) {
        JsonNode live = plan.path("live");
        out.println(live.isObject() ? "plan against live generation " + live.path("generation").asLong()
                + " (migration " + live.path("migrationVersion").asText() + ", " + rows(live.path("rows")) + " rows)"
                : "plan: nothing is live; every dataset version is added");
        out.printf(ROW, "dataset version", "change", "action", "declared", "live decl", "live rows", "bytes");
        for (JsonNode v : plan.path("datasetVersions")) {
            out.printf(ROW, v.path("datasetVersionId").asText(), v.path("change").asText(), v.path("action").asText(),
                    rows(v.path("declaredRows")), rows(v.path("liveDeclaredRows")), rows(v.path("liveRecordedRows")),
                    v.path("change").asText().equals("removed") ? "-" : Long.toString(v.path("bytes").asLong()));
        }
        JsonNode c = plan.path("counts");
        out.println("versions: " + c.path("added").asLong() + " added, " + c.path("changed").asLong() + " changed, "
                + c.path("removed").asLong() + " removed, " + c.path("unchanged").asLong() + " unchanged");
        JsonNode a = plan.path("actions");
        out.println("actions: " + a.path("carry").asLong() + " carried from live, " + a.path("load").asLong()
                + " loaded from artifacts");
        for (JsonNode v : plan.path("datasetVersions")) {
            if (v.path("action").asText().equals("load") && !v.path("reason").asText().isEmpty()) {
                out.println("  load " + v.path("datasetVersionId").asText() + ": " + v.path("reason").asText());
            }
        }
        JsonNode m = plan.path("migration");
        JsonNode scripts = m.path("scripts");
        out.println("migration: " + (m.path("fromVersion").isNull() ? "none" : m.path("fromVersion").asText())
                + " -> " + m.path("toVersion").asText() + " (" + scripts.size() + " new file(s); the shadow is built "
                + "from scratch with all " + m.path("totalScripts").asInt() + ")");
        for (JsonNode s : scripts) {
            out.println("  " + s.path("script").asText() + "  Rebuild: "
                    + (s.path("rebuild").isNull() ? "(no note)" : s.path("rebuild").asText()));
        }
        StringBuilder bytes = new StringBuilder("bytes to read:");
        for (JsonNode b : plan.path("bytesToRead")) {
            bytes.append(' ').append(b.path("store").asText()).append(' ').append(b.path("bytes").asLong()).append(" B;");
        }
        out.println(plan.path("bytesToRead").isEmpty() ? "bytes to read: none" : bytes.substring(0, bytes.length() - 1));
        JsonNode s = plan.path("shrinkGuard");
        out.println("shrink guard: " + s.path("verdict").asText() + (s.path("minimumRows").isNull() ? ""
                : " (" + s.path("declaredRows").asLong() + " declared rows, minimum " + s.path("minimumRows").asLong()
                        + " = " + s.path("minFraction").asDouble() + " x " + s.path("liveRows").asLong()
                        + " live rows)"));
        JsonNode skip = plan.path("skip");
        out.println("would be skipped: " + (skip.path("skipped").asBoolean() ? "yes" : "no") + " ("
                + skip.path("reason").asText() + ")");
    }

    private static String rows(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "-" : n.asText();
    }
}
