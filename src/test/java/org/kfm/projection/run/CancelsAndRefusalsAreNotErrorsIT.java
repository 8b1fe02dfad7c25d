package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * Refusals and cancels are outcomes of their own, not errors: a rebuild refused for a held lock is
 * recorded REFUSED naming the holder's run, logged at WARN and left out of {@code status}; a cancel
 * says who or what cancelled (a shutdown never claims a request) and is logged at WARN.
 */
class CancelsAndRefusalsAreNotErrorsIT {
    private static final int ERROR = 1000; // JBoss ERROR and JUL SEVERE
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path catalog;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_quiet").build();
        catalog = TestCatalogs.copySample(dir);
        fx.rebuild(catalog);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @BeforeEach
    void listen() {
        Logger.getLogger(RebuildOrchestrator.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(RebuildOrchestrator.class.getName()).removeHandler(capture);
    }

    @Test
    void aRefusedRebuildNamesTheHoldersRunIsAWarningAndStaysOutOfStatus() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        RunObserver slow = new RunObserver() {
            @Override
            public void phase(Phase phase, String message) {
                if (phase == Phase.PREPARING) {
                    holding.countDown();
                    await(answered);
                }
            }
        };
        CompletableFuture<RebuildResult> holder = CompletableFuture.supplyAsync(
                () -> fx.orchestrator().rebuild(RebuildFixture.forced(catalog), slow));
        LockHeldException refused;
        try {
            assertTrue(holding.await(60, TimeUnit.SECONDS));
            refused = assertThrows(LockHeldException.class, () -> fx.rebuild(RebuildFixture.forced(catalog)));
        } finally {
            answered.countDown();
        }
        UUID holderId = holder.get(120, TimeUnit.SECONDS).runId();

        assertEquals(Optional.of(holderId), refused.holderRunId());
        assertTrue(refused.getMessage().contains("run " + holderId), refused.getMessage());
        assertEquals(3, refused.code().exitCode());
        JsonNode row = fx.readJson(fx.one("SELECT row_to_json(r)::text FROM kfm_ops.rebuild_run r WHERE outcome = 'REFUSED'"));
        assertEquals("REFUSED", row.get("state").asText());
        assertEquals(holderId.toString(), row.at("/receipt/refusal/holderRunId").asText(), row.toString());
        assertNoErrorLogged();
        assertTrue(logged.stream().anyMatch(r -> r.getLevel().intValue() == Level.WARNING.intValue()
                && message(r).startsWith("rebuild REFUSED")), messages().toString());

        String projection = fx.settings().projection().name();
        List<RunSummary> shown = fx.operations().status(50).recentRuns();
        assertFalse(shown.stream().anyMatch(r -> "REFUSED".equals(r.outcome())), shown.toString());
        assertEquals(1, fx.services().ops().runs(projection, Optional.empty(), Optional.of(RunOutcome.REFUSED), 10, 0)
                .size(), "visible when asked for");
        assertEquals(1, fx.services().ops().countRuns(projection, Optional.empty(), Optional.of(RunOutcome.REFUSED)));
        assertTrue(fx.services().ops().runs(projection, Optional.empty(), Optional.empty(), 50, 0).stream()
                .noneMatch(r -> "REFUSED".equals(r.outcome())));
    }

    @Test
    void aShutdownCancelSaysSoIsAWarningAndNeverClaimsARequest() {
        RunObserver shuttingDown = new RunObserver() {
            private volatile boolean indexing;

            @Override
            public void phase(Phase phase, String message) {
                indexing |= phase == Phase.INDEXING;
            }

            @Override
            public boolean cancelRequested() {
                return indexing;
            }

            @Override
            public Cancellation cancellation() {
                return Cancellation.shutdown();
            }
        };
        KfmException e = assertThrows(KfmException.class, () -> fx.orchestrator().rebuild(
                RebuildFixture.forced(catalog), shuttingDown));

        assertEquals("cancelled", e.rule());
        assertTrue(e.getMessage().startsWith("rebuild cancelled because the service is shutting down at the start "
                + "of step 6/8 INDEXING"), e.getMessage());
        assertFalse(e.getMessage().contains("on request"), e.getMessage());
        JsonNode receipt = fx.lastRun("rebuild").get("receipt");
        assertEquals("CANCELLED", receipt.get("outcome").asText());
        assertEquals("shutdown", receipt.at("/cancellation/cause").asText(), receipt.toString());
        assertFalse(receipt.at("/cancellation").has("by"));
        assertFalse(receipt.get("summary").asText().contains("on request"), receipt.get("summary").asText());
        assertEquals("cancelled", receipt.at("/phases/" + (receipt.get("phases").size() - 1) + "/status").asText());
        assertNoErrorLogged();
        assertTrue(logged.stream().anyMatch(r -> r.getLevel().intValue() == Level.WARNING.intValue()
                && message(r).startsWith("rebuild CANCELLED in INDEXING (cancelled because the service is shutting "
                        + "down)")), messages().toString());
    }

    private void assertNoErrorLogged() {
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() >= ERROR), messages().toString());
    }

    private List<String> messages() {
        return logged.stream().map(r -> r.getLevel() + " " + message(r)).toList();
    }

    private static String message(LogRecord r) {
        if (r instanceof org.jboss.logmanager.ExtLogRecord x) {
            return x.getFormattedMessage();
        }
        String m = r.getMessage();
        Object[] params = r.getParameters();
        if (params != null) {
            for (Object p : params) {
                m = m.replaceFirst("\\{\\}", java.util.regex.Matcher.quoteReplacement(String.valueOf(p)));
            }
        }
        return m;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
