package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestDatabase;

/**
 * Time and ids are injected: a run built with a fixed clock and a fixed id source is recorded under
 * that id, at that time, in its row, its events and its receipt.
 */
class RunsTakeTheirIdAndTimeFromTheWiringIT {
    private static final Instant AT = Instant.parse("2031-05-04T03:02:01.123Z");
    private static final UUID FIRST = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-4000-8000-000000000002");

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @BeforeAll
    static void setUp() {
        Iterator<UUID> ids = List.of(FIRST, SECOND).iterator();
        fx = RebuildFixture.builder(db, "it_fixed").clock(Clock.fixed(AT, ZoneOffset.UTC)).runIds(ids::next).build();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aRunIsRecordedUnderTheInjectedIdAtTheInjectedTime() {
        Recorded<RunResults.Prune> first = fx.operations().prune(RebuildFixture.TRIGGER);
        Recorded<RunResults.Prune> second = fx.operations().prune(RebuildFixture.TRIGGER);

        assertEquals(FIRST, first.runId());
        assertEquals(SECOND, second.runId());
        JsonNode row = fx.run(FIRST);
        assertEquals("t", fx.one("SELECT started_at = '" + AT + "'::timestamptz AND finished_at = '" + AT
                + "'::timestamptz FROM kfm_ops.rebuild_run WHERE run_id = '" + FIRST + "'"), row.toString());
        assertEquals("t", fx.one("SELECT bool_and(at = '" + AT + "'::timestamptz) AND count(*) >= 3 "
                + "FROM kfm_ops.rebuild_event WHERE run_id = '" + FIRST + "'"), fx.events(FIRST).toString());
        JsonNode receipt = row.get("receipt");
        assertEquals(FIRST.toString(), receipt.get("runId").asText(), receipt.toString());
        assertEquals(AT.toString(), receipt.get("startedAt").asText());
        assertEquals(AT.toString(), receipt.get("finishedAt").asText());
        assertEquals(0, receipt.get("durationMs").asInt());
    }
}
