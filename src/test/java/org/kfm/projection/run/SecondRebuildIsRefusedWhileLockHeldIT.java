package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * While one run holds a projection's rebuild lock, another rebuild is refused at once (no waiting)
 * with LOCK_HELD (exit 3), naming the session that holds it; it changes nothing and is recorded as a
 * REFUSED run. Shown with the lock held by the test, and with two rebuilds on two threads.
 */
class SecondRebuildIsRefusedWhileLockHeldIT {
    /** Far below anything a queued wait would take, far above a refusal on this loaded machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path catalog;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_lock").build();
        catalog = TestCatalogs.copySample(dir);
        assertEquals(1L, fx.rebuild(catalog).generation());
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aRebuildIsRefusedAtOnceWhileAnotherSessionHoldsTheLock() {
        Snapshot before = fx.liveSnapshot();
        String holderPid;
        KfmException e;
        long elapsed;
        try (RebuildLock held = RebuildLock.acquire(fx.dataSource(), "it_lock")) {
            holderPid = fx.one("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            long t0 = System.nanoTime();
            e = fx.rebuildFails(RebuildFixture.forced(catalog));
            elapsed = System.nanoTime() - t0;
        }

        JsonNode run = fx.assertLiveUntouched(e, before, 1L, ErrorCode.LOCK_HELD, "lock-held", false);
        assertEquals(3, e.code().exitCode());
        assertTrue(elapsed < AT_ONCE.toNanos(), "refused after " + elapsed / 1_000_000 + " ms");
        assertTrue(e.getMessage().contains("held by pid " + holderPid), e.getMessage());
        assertTrue(e.getMessage().contains("projection it_lock"), e.getMessage());
        assertEquals("REFUSED", run.get("state").asText());
        assertEquals(RunOutcome.SUCCEEDED, fx.rebuild(RebuildFixture.forced(catalog)).outcome(),
                "free again once the holder let go");
    }

    @Test
    void ofTwoConcurrentRebuildsTheSecondIsRefusedAndTheFirstCompletes() throws Exception {
        CountDownLatch firstHoldsLock = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        RunObserver slowFirst = new RunObserver() {
            @Override
            public void phase(Phase phase, String message) {
                if (phase == Phase.LOCKED) {
                    firstHoldsLock.countDown();
                } else if (phase == Phase.MIGRATING) {
                    await(secondDone); // keep the lock until the second run has been answered
                }
            }
        };
        CompletableFuture<RebuildResult> first = CompletableFuture.supplyAsync(
                () -> fx.orchestrator().rebuild(RebuildFixture.forced(catalog), slowFirst));
        try {
            assertTrue(firstHoldsLock.await(60, TimeUnit.SECONDS), "the first run never took the lock");
            long t0 = System.nanoTime();
            KfmException e = fx.rebuildFails(RebuildFixture.forced(catalog));
            long elapsed = System.nanoTime() - t0;

            assertEquals(ErrorCode.LOCK_HELD, e.code(), e.getMessage());
            assertTrue(elapsed < AT_ONCE.toNanos(), "refused after " + elapsed / 1_000_000 + " ms");
            assertTrue(e.getMessage().contains("held by pid"), e.getMessage());
        } finally {
            secondDone.countDown();
        }
        RebuildResult r = first.get(120, TimeUnit.SECONDS);
        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        assertEquals(r.generation(), fx.liveGeneration());
        assertEquals(r.runId().toString(), fx.one("SELECT run_id FROM kfm_ops.generation WHERE status = 'live'"));
        assertEquals("0", fx.one("SELECT count(*) FROM kfm_ops.rebuild_event e JOIN kfm_ops.rebuild_run r"
                + " USING (run_id) WHERE e.state = 'ABANDONED'"), "no live run was taken for abandoned");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
