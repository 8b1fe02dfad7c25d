package org.kfm.projection.webhook;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.settings.WebhookTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.history.DeliveryOutcome;
import org.kfm.projection.ops.DeliveryStore;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.run.RebuildLock;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildResult;
import org.kfm.projection.run.RunObserver;
import org.kfm.projection.testing.CapturedLogs;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A receiver that never answers costs its own delivery thread, not the run: the run ends and the
 * rebuild lock is free while its delivery is still pending, a second rebuild runs at once, and the
 * deliveries are recorded in kfm_ops.webhook_delivery afterwards. The URLs' secrets (query,
 * userinfo) appear in no log line, receipt (ops or file) or delivery row.
 */
class HangingWebhookDoesNotHoldTheRunIT {
    private static final String PROJECTION = "it_hooks";
    private static final List<String> SECRETS = List.of("tok-hang-4711", "pw-ok-0815", "key-ok-2342");
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static HttpServer receiver;
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final AtomicInteger HANGING_CALLS = new AtomicInteger();
    private static final AtomicInteger OK_CALLS = new AtomicInteger();

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        fx = RebuildFixture.builder(db, PROJECTION).build();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hang", exchange -> {
            HANGING_CALLS.incrementAndGet();
            try {
                RELEASE.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.createContext("/ok", exchange -> {
            OK_CALLS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void tearDown() {
        RELEASE.countDown();
        receiver.stop(0);
        fx.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    private static WebhookSettings settings(Duration timeout, int attempts) {
        return WebhookSettings.of(List.of(WebhookTarget.parse("tiles=" + base() + "/hang?token=" + SECRETS.get(0)),
                WebhookTarget.parse("http://kfm:" + SECRETS.get(1) + "@127.0.0.1:" + receiver.getAddress().getPort()
                        + "/ok?key=" + SECRETS.get(2))), timeout, attempts, Duration.ofMillis(100), Optional.empty());
    }

    private static DeliveryStore store() {
        return new DeliveryStore(fx.dataSource(), PgIdentifier.of("kfm_ops"));
    }

    @Test
    void theRunEndsAndFreesTheLockWhileAHangingDeliveryIsPendingAndDeliveriesAreRecordedAfterwards()
            throws IOException {
        Path catalog = TestCatalogs.copySample(dir.resolve("catalog"));
        WebhookDispatcher webhooks = new WebhookDispatcher(settings(Duration.ofSeconds(3), 2), store(),
                Clock.systemUTC());
        RebuildOrchestrator orchestrator = new RebuildOrchestrator(fx.services(), webhooks);
        int hangingBefore = HANGING_CALLS.get();
        int okBefore = OK_CALLS.get();
        try (CapturedLogs logs = CapturedLogs.start()) {
            RebuildResult first = orchestrator.rebuild(RebuildFixture.forced(catalog), RunObserver.NONE);

            assertEquals(RunOutcome.SUCCEEDED, first.outcome());
            assertFalse(RebuildLock.isHeld(fx.dataSource(), PROJECTION), "the lock is free as soon as the run ends");
            JsonNode run = fx.run(first.runId());
            assertEquals("SUCCEEDED", run.path("outcome").asText(), run::toString);
            assertEquals(DeliveryOutcome.PENDING, store().deliveries(first.runId()).get(0).outcome(),
                    "the hanging delivery had not ended when the run did");

            RebuildResult second = orchestrator.rebuild(RebuildFixture.forced(catalog), RunObserver.NONE);
            assertEquals(RunOutcome.SUCCEEDED, second.outcome(), "a second rebuild is not refused");

            List<WebhookDelivery> d = orchestrator.awaitDeliveries(first.runId());
            assertEquals(2, d.size());
            WebhookDelivery hanging = d.get(0);
            assertEquals("tiles", hanging.target());
            assertEquals(DeliveryOutcome.FAILED, hanging.outcome(), hanging::toString);
            assertEquals(2, hanging.attempts());
            assertEquals("no answer within PT3S", hanging.error());
            WebhookDelivery ok = d.get(1);
            assertEquals(base() + "/ok", ok.target());
            assertEquals(DeliveryOutcome.DELIVERED, ok.outcome(), ok::toString);
            assertEquals(204, ok.status());
            assertEquals(d, store().deliveries(first.runId()), "as recorded in kfm_ops.webhook_delivery");
            Instant runEnded = OffsetDateTime.parse(run.path("finished_at").asText()).toInstant();
            assertFalse(hanging.queuedAt().isBefore(runEnded), "queued only after the run had ended");
            assertFalse(hanging.finishedAt().isBefore(hanging.queuedAt().plusSeconds(6)), "2 attempts x 3 s");
            orchestrator.awaitDeliveries(second.runId());

            String receipt = fx.one("SELECT receipt::text FROM kfm_ops.rebuild_run WHERE run_id = '" + first.runId()
                    + "'");
            String file = Files.readString(catalog.resolveSibling("receipts/" + first.runId() + ".json"));
            String rows = fx.one("SELECT string_agg(t::text, ' ') FROM kfm_ops.webhook_delivery t");
            JsonNode targets = new ObjectMapper().readTree(receipt).path("webhooks").path("targets");
            assertEquals("[\"tiles\",\"" + base() + "/ok\"]", targets.toString(), receipt);
            for (String secret : SECRETS) {
                assertFalse(logs.text().contains(secret), () -> "a secret in the logs:\n" + logs.text());
                assertFalse(receipt.contains(secret), receipt);
                assertFalse(file.contains(secret), file);
                assertFalse(rows.contains(secret), rows);
            }
            assertTrue(logs.text().contains("webhook tiles FAILED after 2 attempt(s)"), logs::text);
        }
        assertEquals(4, HANGING_CALLS.get() - hangingBefore, "two attempts per run");
        assertEquals(2, OK_CALLS.get() - okBefore);
        webhooks.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void aFullQueueDropsAtOnceAndShutdownRecordsWhatIsPendingAsAbandonedWithinTheGrace() {
        WebhookSettings one = settings(Duration.ofSeconds(60), 1);
        WebhookSettings hangOnly = new WebhookSettings(one.targets().subList(0, 1), one.timeout(), 1, one.backoff(),
                Optional.empty(), 1);
        WebhookDispatcher webhooks = new WebhookDispatcher(hangOnly, store(), Clock.systemUTC());
        UUID inFlight = TestRunsOf.start(fx);
        UUID queued = TestRunsOf.start(fx);
        UUID dropped = TestRunsOf.start(fx);
        int callsBefore = HANGING_CALLS.get();

        webhooks.swapped(inFlight, "{}");
        awaitCalls(callsBefore + 1);
        webhooks.swapped(queued, "{}");
        long start = System.nanoTime();
        webhooks.swapped(dropped, "{}");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000, "a full queue does not block");

        WebhookDelivery d = store().deliveries(dropped).get(0);
        assertEquals(DeliveryOutcome.DROPPED, d.outcome());
        assertEquals(0, d.attempts());
        assertTrue(d.error().contains("queue is full"), d::error);

        start = System.nanoTime();
        webhooks.shutdown(Duration.ofMillis(500));
        long shutdownMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(shutdownMs < 10_000, "shutdown took " + shutdownMs + " ms");

        WebhookDelivery cut = store().deliveries(inFlight).get(0);
        assertEquals(DeliveryOutcome.ABANDONED, cut.outcome(), cut::toString);
        assertEquals(1, cut.attempts());
        assertNotNull(cut.finishedAt());
        WebhookDelivery neverStarted = store().deliveries(queued).get(0);
        assertEquals(DeliveryOutcome.ABANDONED, neverStarted.outcome(), neverStarted::toString);
        assertEquals(0, neverStarted.attempts());

        UUID late = TestRunsOf.start(fx);
        webhooks.swapped(late, "{}");
        WebhookDelivery afterShutdown = store().deliveries(late).get(0);
        assertEquals(DeliveryOutcome.DROPPED, afterShutdown.outcome());
        assertTrue(afterShutdown.error().contains("stopping"), afterShutdown::error);
    }

    private static void awaitCalls(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (HANGING_CALLS.get() < n) {
            assertTrue(System.nanoTime() < deadline, "the receiver was not called");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A recorded rebuild run to hang deliveries on (the table references rebuild_run). */
    private static final class TestRunsOf {
        static UUID start(RebuildFixture fx) {
            fx.services().bootstrap().run();
            return fx.services().ops().startRun(org.kfm.projection.history.RunKind.REBUILD, PROJECTION,
                    RebuildFixture.TRIGGER, new ObjectMapper().createObjectNode());
        }
    }
}
