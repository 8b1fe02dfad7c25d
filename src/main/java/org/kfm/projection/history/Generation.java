package org.kfm.projection.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One recorded generation of a projection: what it was built from and where it stands. */
public record Generation(String projection, long number, UUID runId, String catalogUri, String catalogDigest,
        String migrationVersion, Long rowCount, String status, Instant createdAt, Instant swappedInAt,
        Instant retiredAt, JsonNode parity) {

    public boolean isLive() {
        return "live".equals(status);
    }
}
