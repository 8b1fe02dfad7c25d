package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kfm.projection.testing.CapturedLogs;
import org.kfm.projection.webhook.Hmac;

/**
 * After a swap every configured webhook is called, after the run has ended: a receiver that never
 * answers delays neither the run's end nor the next rebuild; each delivery's outcome is recorded
 * afterwards and shown in {@code webhooks[]} of the run; the calls are signed; and the URLs' query
 * strings and userinfo appear in no log line, receipt or API response.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhooksIT {
    record Received(String body, String timestamp, String signature) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static HttpServer receiver;

    @BeforeAll
    static void listen() throws Exception {
        String urls = ConfigProvider.getConfig().getValue("kfm.webhooks.urls", String.class);
        Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/hook").matcher(urls);
        assertTrue(port.find(), urls);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            RECEIVED.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-KFM-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-KFM-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/fail", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        receiver.createContext("/hang", exchange -> {
            try {
                RELEASE.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        receiver.stop(0);
    }

    @Test
    void aHangingReceiverDelaysNeitherTheRunNorTheNextRebuildAndDeliveriesAreRecordedAfterwards() throws Exception {
        Api.awaitIdle();
        try (CapturedLogs logs = CapturedLogs.start()) {
            Map<String, Object> run = Api.rebuildNow();
            assertEquals("SUCCEEDED", run.get("outcome"), () -> "webhooks never fail the run: " + run);
            String id = run.get("id").toString();
            JsonNode atEnd = webhooks(id);
            assertEquals("PENDING", atEnd.get(3).path("outcome").asText(),
                    () -> "the run ended while the hanging delivery was pending: " + atEnd);

            String second = Api.trigger("{\"force\": true}").statusCode(202).extract().path("id");
            assertEquals("SUCCEEDED", Api.awaitEnd(second, Duration.ofSeconds(60)).get("outcome"));

            JsonNode hooks = awaitDeliveries(id);
            assertEquals(4, hooks.size(), hooks::toString);
            JsonNode ok = hooks.get(0);
            assertEquals("hooks", ok.path("target").asText());
            assertEquals("DELIVERED", ok.path("outcome").asText(), ok::toString);
            assertEquals(204, ok.path("status").asInt());
            JsonNode failing = hooks.get(1);
            assertTrue(failing.path("target").asText().matches("http://127\\.0\\.0\\.1:\\d+/fail"), failing::toString);
            assertEquals("FAILED", failing.path("outcome").asText());
            assertEquals(500, failing.path("status").asInt());
            assertEquals(2, failing.path("attempts").asInt(), "retried up to kfm.webhooks.attempts");
            JsonNode closed = hooks.get(2);
            assertEquals("FAILED", closed.path("outcome").asText());
            assertTrue(closed.path("status").isNull(), closed::toString);
            assertTrue(closed.path("error").asText().contains("Connect"), closed::toString);
            JsonNode hanging = hooks.get(3);
            assertEquals("tiles", hanging.path("target").asText());
            assertEquals("FAILED", hanging.path("outcome").asText());
            assertEquals("no answer within PT5S", hanging.path("error").asText());
            awaitDeliveries(second);

            Received first = RECEIVED.stream().filter(r -> r.body().contains(id)).findFirst().orElseThrow();
            JsonNode payload = new ObjectMapper().readTree(first.body());
            assertEquals("swap", payload.path("event").asText());
            assertEquals(((Number) run.get("generation")).longValue(), payload.path("generation").asLong());
            assertTrue(Hmac.verify(ServiceTestResource.SIGNING_SECRET, first.timestamp(), first.signature(),
                    first.body().getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() / 1000),
                    "the signature verifies with the documented recipe");

            String detail = Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200).extract()
                    .asString();
            String list = Api.as(Tokens.viewer()).get("/api/v1/rebuilds").then().statusCode(200).extract().asString();
            String receipt = Api.queryOne("SELECT receipt::text FROM kfm_ops.rebuild_run WHERE run_id = '" + id + "'");
            String rows = Api.queryOne("SELECT string_agg(d::text, ' ') FROM kfm_ops.webhook_delivery d");
            String events = Api.queryOne("SELECT string_agg(e::text, ' ') FROM kfm_ops.rebuild_event e");
            assertTrue(receipt.contains("\"targets\": [\"hooks\""), receipt);
            for (String secret : ServiceTestResource.WEBHOOK_SECRETS) {
                assertFalse(logs.text().contains(secret), () -> "a URL secret in the logs:\n" + logs.text());
                assertFalse(detail.contains(secret), detail);
                assertFalse(list.contains(secret), list);
                assertFalse(receipt.contains(secret), receipt);
                assertFalse(rows.contains(secret), rows);
                assertFalse(events.contains(secret), events);
            }
            assertFalse(logs.text().contains(ServiceTestResource.SIGNING_SECRET), "the signing secret is never logged");
            assertTrue(logs.text().contains("webhook tiles FAILED after 2 attempt(s)"), logs::text);
        }
        assertNull(Api.queryOne("SELECT run_id FROM kfm_ops.rebuild_event WHERE state = 'WEBHOOKS'"),
                "outcomes are rows of webhook_delivery, not events of an ended run");
    }

    private static JsonNode webhooks(String id) {
        return new ObjectMapper().valueToTree(Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then()
                .statusCode(200).extract().jsonPath().getList("webhooks"));
    }

    /** Polls the run until none of its deliveries is PENDING (each takes at most 2 x 5 s here). */
    private static JsonNode awaitDeliveries(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode hooks = webhooks(id);
            boolean pending = false;
            for (JsonNode h : hooks) {
                pending |= "PENDING".equals(h.path("outcome").asText());
            }
            if (!pending && hooks.size() > 0) {
                return hooks;
            }
            assertTrue(System.nanoTime() < deadline, () -> "deliveries of " + id + " still pending: " + hooks);
            Api.sleep(200);
        }
    }
}
