package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NotifyPayloadTest {

    @Test
    void payloadThatFitsIsSentAsIs() {
        NotifyPayload p = NotifyPayload.of("{\"a\":1}", "swap", "kfm_index", OptionalLong.of(3), "kfm_index_prev");
        assertEquals("{\"a\":1}", p.text());
        assertFalse(p.trimmed());
    }

    @Test
    void missingPayloadGetsTheSummary() {
        NotifyPayload p = NotifyPayload.of(null, "rollback", "kfm_index", OptionalLong.empty(), null);
        assertEquals("{\"action\":\"rollback\",\"live\":\"kfm_index\",\"previous\":null}", p.text());
        assertFalse(p.trimmed());
    }

    @Test
    void multiByteTextIsMeasuredInBytes() {
        String json = "{\"n\":\"" + "é".repeat(4000) + "\"}"; // 4010 chars, 8010 bytes
        NotifyPayload p = NotifyPayload.of(json, "swap", "kfm_index", OptionalLong.of(9), "kfm_index_prev");
        assertTrue(p.trimmed());
        assertTrue(p.text().contains("\"original_bytes\":" + json.getBytes(StandardCharsets.UTF_8).length), p.text());
    }
}
