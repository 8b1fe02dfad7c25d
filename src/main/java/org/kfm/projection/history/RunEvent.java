package org.kfm.projection.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One state transition or note of a run, as recorded when it happened. */
public record RunEvent(Instant at, String state, String message, JsonNode details) {
}
