package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * Cancellation is cooperative: an observer whose {@code cancelRequested()} turns true while the
 * load runs stops it at the next block of rows; the run ends CANCELLED, naming the artifact and the
 * feature it stopped at, live untouched, and the next run succeeds. A cancel between phases ends the
 * same way, and without keep-shadow the shadow is dropped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CancelledRebuildLeavesLiveUntouchedIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path generated;
    private static Snapshot live;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_cancel").build();
        assertEquals(1L, fx.rebuild(TestCatalogs.copySample(dir.resolve("sample"))).generation());
        live = fx.liveSnapshot();
        // one version: one worker polls, so the tenth poll falls at a known block of rows
        generated = TestCatalogs.generate(dir.resolve("generated"), 10_000, 3, 1);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    @Order(1)
    void aCancelDuringTheLoadEndsTheRunCancelledWithLiveUntouched() {
        AtomicInteger checksWhileLoading = new AtomicInteger();
        RunObserver cancelMidLoad = new RunObserver() {
            private volatile boolean loading;

            @Override
            public void phase(Phase phase, String message) {
                loading = phase == Phase.LOADING;
            }

            @Override
            public boolean cancelRequested() {
                // asked when LOADING begins, by the one worker before its dataset version and its asset,
                // then every 1,024 rows: turn true a few blocks into the asset
                return loading && checksWhileLoading.incrementAndGet() > 9;
            }
        };

        KfmException e = assertThrows(KfmException.class,
                () -> fx.orchestrator().rebuild(RebuildFixture.request(generated), cancelMidLoad));

        JsonNode run = fx.assertLiveUntouched(e, live, 1L, ErrorCode.FAILED, "cancelled", true);
        assertTrue(e.getMessage().contains("load cancelled at file:"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*synthetic-\\d\\.geojson, feature [1-9]\\d*.*"), e.getMessage());
        assertEquals("LOADING", lastPhase(run));
        List<String> events = fx.events(UUID.fromString(run.get("run_id").asText()));
        assertTrue(events.stream().anyMatch(m -> m.startsWith("CANCELLED: load cancelled at")), events.toString());
    }

    @Test
    @Order(2)
    void theNextRunSucceeds() {
        RebuildResult r = fx.rebuild(generated);

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals(2L, r.generation());
        assertEquals(10_000, fx.liveSnapshot().rows());
        assertEquals(live, fx.snapshot(fx.previous()));
    }

    @Test
    @Order(3)
    void aCancelBetweenPhasesWithoutKeepShadowDropsTheShadow() {
        Snapshot before = fx.liveSnapshot();
        RunObserver cancelAtValidating = new RunObserver() {
            private volatile boolean validating;

            @Override
            public void phase(Phase phase, String message) {
                validating |= phase == Phase.VALIDATING;
            }

            @Override
            public boolean cancelRequested() {
                return validating;
            }
        };
        RebuildRequest dropShadow = new RebuildRequest(Optional.of(generated.toString()), false, false, true,
                OptionalDouble.empty(), false, RebuildFixture.TRIGGER);

        KfmException e = assertThrows(KfmException.class,
                () -> fx.orchestrator().rebuild(dropShadow, cancelAtValidating));

        fx.assertLiveUntouched(e, before, 2L, ErrorCode.FAILED, "cancelled", false);
        assertTrue(e.getMessage().startsWith("rebuild cancelled on request at the start of step 7/8 VALIDATING"),
                e.getMessage());
        assertTrue(e.getMessage().contains("shadow it_cancel_shadow dropped (--no-keep-shadow)"), e.getMessage());
        assertEquals("VALIDATING", lastPhase(fx.lastRun("rebuild")));
    }

    private static String lastPhase(JsonNode run) {
        JsonNode phases = run.at("/receipt/phases");
        return phases.get(phases.size() - 1).get("phase").asText();
    }
}
