package org.kfm.projection.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.kfm.projection.validate.ChangeSummary;

/**
 * The JSON that tile servers and caches receive on the NOTIFY channel (and webhooks) after a swap:
 * the new and previous generation and what changed, with the extent of the change.
 */
final class NotifyMessage {
    private NotifyMessage() {
    }

    static String swap(ObjectMapper json, String projection, long generation, Optional<Long> previous, UUID runId,
            String catalogDigest, ChangeSummary changes) {
        ObjectNode n = json.createObjectNode().put("event", "swap").put("projection", projection)
                .put("generation", generation).put("runId", runId.toString()).put("catalogDigest", catalogDigest);
        if (previous.isPresent()) {
            n.put("previousGeneration", previous.get());
        } else {
            n.putNull("previousGeneration");
        }
        n.set("added", json.valueToTree(changes.added()));
        n.set("changed", json.valueToTree(changes.changed()));
        n.set("removed", json.valueToTree(changes.removed()));
        if (changes.extent().isPresent()) {
            var e = changes.extent().get();
            n.putArray("changedExtent").add(e.minX()).add(e.minY()).add(e.maxX()).add(e.maxY());
        } else {
            n.putNull("changedExtent");
        }
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
