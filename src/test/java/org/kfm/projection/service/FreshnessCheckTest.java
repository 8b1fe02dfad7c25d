package org.kfm.projection.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kfm.projection.service.FreshnessCheck.Schedule;

/** Freshness against a daily 03:00 schedule, judged at 10:00 on 2026-12-07 (UTC). */
class FreshnessCheckTest {
    private static final Schedule DAILY = new Schedule(Optional.of("0 0 3 * * ?"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void currentSinceTheTickBeforeTheLastIsFresh() {
        Freshness f = DAILY.judge(Optional.of(Instant.parse("2026-12-06T03:04:00Z")), NOW);
        assertEquals(Freshness.State.FRESH, f.state(), f.summary());
        assertEquals(Optional.of(Instant.parse("2026-12-07T03:00:00Z")), f.lastTickAt());
        assertEquals(Optional.of(Instant.parse("2026-12-08T03:00:00Z")), f.nextTickAt());
        assertTrue(f.summary().contains("30 h ago"), f.summary());
    }

    @Test
    void twoTicksWithoutARunThatLeftItCurrentIsStale() {
        Freshness f = DAILY.judge(Optional.of(Instant.parse("2026-12-06T02:59:59Z")), NOW);
        assertEquals(Freshness.State.STALE, f.state());
        assertTrue(f.summary().contains("2026-12-06T03:00:00Z and 2026-12-07T03:00:00Z"), f.summary());
    }

    @Test
    void neverCurrentAndUnscheduledAreSaidAsSuch() {
        assertEquals(Freshness.State.NEVER, DAILY.judge(Optional.empty(), NOW).state());
        Schedule none = new Schedule(Optional.empty(), ZoneOffset.UTC);
        Freshness f = none.judge(Optional.of(NOW.minusSeconds(600)), NOW);
        assertEquals(Freshness.State.UNSCHEDULED, f.state());
        assertTrue(f.summary().startsWith("made current 10 min ago"), f.summary());
        assertEquals(Freshness.State.NEVER, none.judge(Optional.empty(), NOW).state());
    }
}
