package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeatureIdRegistryTest {
    @Test
    void returnsTheFirstIndexOfARepeatedIdAcrossGrowthAndChunks() {
        FeatureIdRegistry ids = new FeatureIdRegistry();
        for (int i = 0; i < 300_000; i++) {
            assertEquals(-1, ids.putIfAbsent("feature-" + i + "-" + "x".repeat(i % 7), i));
        }
        assertEquals(300_000, ids.size());
        assertEquals(123_456, ids.putIfAbsent("feature-123456-" + "x".repeat(123_456 % 7), 400_000));
        assertEquals(-1, ids.putIfAbsent("feature-123456", 400_001));
        assertEquals(-1, ids.putIfAbsent("", 400_002));
        assertEquals(400_002, ids.putIfAbsent("", 400_003));
        assertEquals(-1, ids.putIfAbsent("Ünïcödé-名前", 7));
        assertEquals(-1, ids.putIfAbsent("Ünïcödé-名", 8));
        assertEquals(7, ids.putIfAbsent("Ünïcödé-名前", 9));
        String huge = "h".repeat(3 << 20);
        assertEquals(-1, ids.putIfAbsent(huge, 5_000_000_000L));
        assertEquals(5_000_000_000L, ids.putIfAbsent("h".repeat(3 << 20), 1));
    }
}
