package org.kfm.projection.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code rebuild_run}, as status and the API show it. */
public record RunSummary(UUID runId, String kind, String projection, String state, String triggeredBy,
        String trigger, Instant startedAt, Instant finishedAt, String outcome, String errorCode, String errorRule,
        String errorMessage, String catalogUri, String catalogDigest, Long generation, JsonNode progress,
        JsonNode receipt) {
}
