package org.kfm.projection.validate;

import org.kfm.projection.digest.DigestText;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads back the per-version results a parity report recorded (its JSON, {@link ParityReport#toJson()},
 * as the orchestrator stores it with the generation), to serve as a {@link LiveBaseline#recorded}
 * baseline once that generation is live.
 */
public final class RecordedVersions {
    private RecordedVersions() {
    }

    /**
     * The dataset versions the reported shadow held, with rows, SQL digest and extent; empty when the
     * report is missing or lacks any of these (an older or foreign format): scan live instead then.
     */
    public static Optional<List<RecordedVersion>> fromReportJson(JsonNode report) {
        JsonNode versions = report == null ? null : report.get("datasetVersions");
        if (versions == null || !versions.isArray()) {
            return Optional.empty();
        }
        List<RecordedVersion> out = new ArrayList<>();
        for (JsonNode v : versions) {
            String change = v.path("change").asText("");
            if (change.equals(DatasetVersionResult.Change.REMOVED.label())
                    || change.equals(DatasetVersionResult.Change.ABSENT.label())) {
                continue;
            }
            JsonNode digest = v.get("sqlDigest");
            JsonNode rows = v.get("rows");
            if (digest == null || !digest.isTextual() || !DigestText.isWellFormed(digest.asText()) || rows == null
                    || !rows.canConvertToLong() || !v.hasNonNull("datasetVersionId")) {
                return Optional.empty();
            }
            out.add(new RecordedVersion(v.get("datasetVersionId").asText(), rows.asLong(), digest.asText(),
                    extent(v.get("extent"))));
        }
        return Optional.of(out);
    }

    private static Optional<Extent> extent(JsonNode e) {
        if (e == null || !e.isArray() || e.size() != 4) {
            return Optional.empty();
        }
        return Optional.of(new Extent(e.get(0).asDouble(), e.get(1).asDouble(), e.get(2).asDouble(),
                e.get(3).asDouble()));
    }
}
