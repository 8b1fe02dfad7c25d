package org.kfm.projection.swap;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The {@code NOTIFY} payload: the caller's JSON when it fits, otherwise a summary built here.
 * PostgreSQL refuses payloads of 8000 bytes or more, and a refused NOTIFY would fail the swap for
 * the sake of a message, so the limit is kept with a margin.
 */
record NotifyPayload(String text, boolean trimmed) {
    static final int MAX_BYTES = 7900;

    static NotifyPayload of(String callerJson, String action, String live, OptionalLong generation,
            String previous) {
        if (callerJson != null && callerJson.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return new NotifyPayload(callerJson, false);
        }
        boolean trimmed = callerJson != null;
        // every value is a validated identifier, a number or a literal: no escaping needed
        StringBuilder sb = new StringBuilder("{\"action\":\"").append(action).append("\",\"live\":\"").append(live)
                .append('"');
        generation.ifPresent(g -> sb.append(",\"generation\":").append(g));
        sb.append(",\"previous\":").append(previous == null ? "null" : "\"" + previous + "\"");
        if (trimmed) {
            sb.append(",\"truncated\":true,\"original_bytes\":")
                    .append(callerJson.getBytes(StandardCharsets.UTF_8).length);
        }
        return new NotifyPayload(sb.append('}').toString(), trimmed);
    }
}
