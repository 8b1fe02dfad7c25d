package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code kfm-projection rebuild}, which exits after its run, still delivers its webhooks: after the
 * run has ended and released the lock it waits for them (at most timeout × attempts plus backoff),
 * prints each outcome, records it in kfm_ops.webhook_delivery, and shows no URL secret anywhere.
 */
class RebuildDeliversWebhooksBeforeExitingIT {
    private static final String PROJECTION = "it_cli_hooks";
    private static final List<String> SECRETS = List.of("tok-slow-1984", "tok-hang-2001");
    private static final List<String> SIGNATURES = new CopyOnWriteArrayList<>();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static HttpServer receiver;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            SIGNATURES.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-KFM-Signature")));
            pause(1_500); // answers, but later than the run's end
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/hang", exchange -> {
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void tearDown() {
        RELEASE.countDown();
        receiver.stop(0);
    }

    @Test
    void waitsForItsDeliveriesAfterTheRunEndedAndPrintsThem() {
        Path catalog = TestCatalogs.copySample(dir.resolve("sample"));
        int port = receiver.getAddress().getPort();
        KfmProcess kfm = new KfmProcess(db, PROJECTION, dir)
                .env("KFM_WEBHOOKS_URLS", "slow=http://127.0.0.1:" + port + "/slow?token=" + SECRETS.get(0)
                        + ",http://127.0.0.1:" + port + "/hang?token=" + SECRETS.get(1))
                .env("KFM_WEBHOOKS_TIMEOUT", "3s").env("KFM_WEBHOOKS_ATTEMPTS", "1")
                .env("KFM_WEBHOOKS_SIGNING_SECRET", "cli-signing-secret-0123456789abcdef0123");

        KfmProcess.Result r = kfm.run(180, "rebuild", "--catalog", catalog.toString());

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("webhook slow: DELIVERED after 1 attempt(s), HTTP 204"), r.toString());
        assertTrue(r.stdout().contains("webhook http://127.0.0.1:" + port + "/hang: FAILED after 1 attempt(s): "
                + "no answer within PT3S"), r.toString());
        assertEquals(1, SIGNATURES.size());
        assertTrue(SIGNATURES.get(0).startsWith("sha256="), SIGNATURES::toString);
        for (String secret : SECRETS) {
            assertFalse(r.stdout().contains(secret) || r.stderr().contains(secret), r::toString);
        }
        assertEquals("DELIVERED 1 204,FAILED 1 ", db.queryOne("SELECT string_agg(outcome || ' ' || attempts || ' ' "
                + "|| coalesce(status::text, ''), ',' ORDER BY position) FROM kfm_ops.webhook_delivery"));
        assertEquals("t", db.queryOne("SELECT bool_and(d.queued_at >= r.finished_at AND d.finished_at > r.finished_at)"
                + " FROM kfm_ops.webhook_delivery d JOIN kfm_ops.rebuild_run r USING (run_id)"),
                "queued after the run (and its lock) ended, delivered afterwards");
    }

    @Test
    void aBadWebhookUrlOrSigningSecretIsAConfigurationErrorThatQuotesNeither() {
        Path catalog = TestCatalogs.copySample(dir.resolve("bad-config"));
        KfmProcess kfm = new KfmProcess(db, PROJECTION, dir)
                .env("KFM_WEBHOOKS_URLS", "tiles=ftp://127.0.0.1/hook?token=tok-ftp-1066,https://kfm:pw-x-1215@/nohost")
                .env("KFM_WEBHOOKS_SIGNING_SECRET", "short-secret-1492");

        KfmProcess.Result r = kfm.run(120, "rebuild", "--catalog", catalog.toString());

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.stderr().contains("kfm.webhooks.urls: entry 1: the URL named 'tiles' is not an http(s) URL"),
                r.toString());
        assertTrue(r.stderr().contains("kfm.webhooks.urls: entry 2: "), r.toString());
        assertTrue(r.stderr().contains("kfm.webhooks.signing-secret: must be at least 32 characters, got 17"),
                r.toString());
        for (String secret : List.of("tok-ftp-1066", "pw-x-1215", "short-secret-1492")) {
            assertFalse(r.stdout().contains(secret) || r.stderr().contains(secret), r::toString);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
