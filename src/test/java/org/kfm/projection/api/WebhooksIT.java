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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** After a swap every configured webhook is called; failures land in the receipt, never fail the run. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhooksIT {
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @BeforeAll
    static void listen() throws Exception {
        String first = ConfigProvider.getConfig().getValue("kfm.webhooks.urls", String.class).split(",")[0];
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(first).getPort()), 0);
        receiver.createContext("/hook", exchange -> {
            RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/fail", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    @Test
    void swapPayloadReachesTheReceiverAndFailuresAreRecorded() throws Exception {
        Map<String, Object> run = Api.rebuildNow();
        assertEquals("SUCCEEDED", run.get("outcome"), () -> "a failing webhook never fails the run: " + run);
        String id = run.get("id").toString();

        assertEquals(1, RECEIVED.size(), () -> "received: " + RECEIVED);
        JsonNode payload = new ObjectMapper().readTree(RECEIVED.get(0));
        assertEquals("swap", payload.path("event").asText());
        assertEquals(id, payload.path("runId").asText());
        assertEquals(((Number) run.get("generation")).longValue(), payload.path("generation").asLong());

        JsonNode webhooks = new ObjectMapper().valueToTree(Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id)
                .then().statusCode(200).extract().jsonPath().getList("receipt.webhooks"));
        assertEquals(3, webhooks.size(), webhooks::toString);
        JsonNode ok = webhooks.get(0);
        assertTrue(ok.path("delivered").asBoolean(), ok::toString);
        assertEquals(204, ok.path("status").asInt());
        JsonNode failing = webhooks.get(1);
        assertFalse(failing.path("delivered").asBoolean());
        assertEquals(500, failing.path("status").asInt());
        assertEquals(2, failing.path("attempts").asInt(), "retried up to kfm.webhooks.attempts");
        JsonNode closed = webhooks.get(2);
        assertFalse(closed.path("delivered").asBoolean());
        assertTrue(closed.path("status").isNull() || closed.path("status").isMissingNode(), closed::toString);
        assertTrue(closed.path("error").asText().contains("Connect"), closed::toString);
        assertNull(Api.queryOne("SELECT null WHERE false"));
        assertEquals("1", Api.queryOne("SELECT count(*) FROM kfm_ops.rebuild_event WHERE run_id = '" + id
                + "' AND state = 'WEBHOOKS' AND message = '1 of 3 webhook(s) delivered'"));
    }
}
