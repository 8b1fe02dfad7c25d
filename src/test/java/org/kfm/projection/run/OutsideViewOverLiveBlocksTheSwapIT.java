package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.NotifyListener;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A view outside the projection that reads live would stay bound to the old generation after a
 * rename, so the rebuild refuses to swap: FAILED, rule {@code outside-dependency}, the view named,
 * live untouched, and nothing notified. Once the view is gone the rebuild swaps, and a LISTEN
 * connection gets the payload only then: not while the run works, exactly once after the commit.
 */
class OutsideViewOverLiveBlocksTheSwapIT {
    private static final Duration QUIET = Duration.ofMillis(300);
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path catalog;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_outside").build();
        catalog = TestCatalogs.copySample(dir);
        assertEquals(1L, fx.rebuild(catalog).generation());
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void anOutsideViewFailsTheSwapAndOnlyASuccessfulSwapNotifies() {
        Snapshot before = fx.liveSnapshot();
        db.execute("CREATE SCHEMA reports");
        db.execute("CREATE VIEW reports.landmarks AS SELECT feature_id, geom FROM it_outside.feature_geom"
                + " WHERE dataset_version_id LIKE 'kansas-landmarks%'");

        try (NotifyListener listener = new NotifyListener(db, "kfm_projection")) {
            KfmException e = fx.rebuildFails(RebuildFixture.forced(catalog));

            JsonNode run = fx.assertLiveUntouched(e, before, 1L, ErrorCode.FAILED, "outside-dependency", true);
            assertTrue(e.getMessage().contains("reports.landmarks"), e.getMessage());
            assertEquals("SWAPPING", lastPhase(run));
            assertEquals(List.of(), listener.receive(QUIET), "a failed swap notifies nobody");
            assertEquals("12", db.queryOne("SELECT count(*) FROM reports.landmarks"), "the view still reads live");
            assertEquals(1, e.getMessage().split("Live projection untouched", -1).length - 1, e.getMessage());

            KfmException dropped = fx.rebuildFails(new RebuildRequest(Optional.of(catalog.toString()), false, false,
                    true, OptionalDouble.empty(), false, RebuildFixture.TRIGGER));
            fx.assertLiveUntouched(dropped, before, 1L, ErrorCode.FAILED, "outside-dependency", false);
            assertTrue(dropped.getMessage().contains("shadow it_outside_shadow dropped (--no-keep-shadow)"),
                    dropped.getMessage());
            assertFalse(dropped.getMessage().contains("shadow kept"), dropped.getMessage());
            assertEquals(List.of(), listener.receive(QUIET));

            db.execute("DROP SCHEMA reports CASCADE");
            List<String> beforeCommit = new ArrayList<>();
            RebuildResult r = fx.orchestrator().rebuild(RebuildFixture.forced(catalog), new RunObserver() {
                @Override
                public void phase(Phase phase, String message) {
                    if (phase == Phase.SWAPPING) {
                        beforeCommit.addAll(listener.receive(Duration.ofMillis(100)));
                    }
                }
            });

            assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
            assertEquals(List.of(), beforeCommit, "nothing is notified before the swap commits");
            List<String> after = listener.receiveSettled(Duration.ofSeconds(5), QUIET);
            assertEquals(1, after.size(), after.toString());
            JsonNode payload = fx.readJson(after.get(0));
            assertEquals(r.generation().longValue(), payload.get("generation").asLong());
            assertEquals(1, payload.get("previousGeneration").asInt());
        }
    }

    /** The phase the run was in when it ended, from the receipt's timings. */
    private static String lastPhase(JsonNode run) {
        JsonNode phases = run.at("/receipt/phases");
        JsonNode last = phases.get(phases.size() - 1);
        assertEquals("failed", last.path("status").asText(), phases.toString());
        return last.get("phase").asText();
    }
}
