package org.kfm.projection.webhook;

import org.kfm.projection.settings.SigningKey;
import org.kfm.projection.settings.WebhookTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.history.DeliveryOutcome;
import org.kfm.projection.testing.TestDatabase;

/**
 * A signed delivery, received by a real HTTP server, verifies with each recipe of docs/service.md
 * (the shell one with openssl, the Python one, the Java one), and stops verifying when the body or
 * the timestamp is changed. The URL's userinfo arrives as Basic authorization, its query in the
 * request line.
 */
class SignedDeliveryVerifiesTest {
    private static final String SECRET = "9f2c1e7a5b3d4f608192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
    private static final String PAYLOAD = "{\"event\":\"swap\",\"projection\":\"kfm_index\",\"generation\":7,"
            + "\"note\":\"caf\u00e9 \u2013 \u00fcber\"}";

    record Received(Headers headers, String requestUri, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @TempDir
    Path dir;

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(), exchange.getRequestURI().toString(),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private Received deliverSigned() {
        WebhookTarget target = WebhookTarget.parse("http://kfm:pa55@127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook?token=abc123");
        WebhookSettings settings = WebhookSettings.of(List.of(target), Duration.ofSeconds(5), 1, Duration.ZERO,
                SigningKey.of(Optional.of(SECRET)));
        WebhookCall call = new WebhookCall(HttpClient.newHttpClient(), settings, Clock.systemUTC());

        WebhookCall.Result r = call.deliver(target, UUID.randomUUID(), PAYLOAD.getBytes(StandardCharsets.UTF_8),
                (n, at) -> { });

        assertEquals(DeliveryOutcome.DELIVERED, r.outcome(), r::toString);
        assertEquals(1, received.size());
        return received.get(0);
    }

    @Test
    void theJavaRecipeVerifiesTheSignature() throws Exception {
        Received r = deliverSigned();
        String ts = r.headers().getFirst("X-KFM-Timestamp");
        String sig = r.headers().getFirst("X-KFM-Signature");
        assertNotNull(ts);
        assertTrue(sig.matches("sha256=[0-9a-f]{64}"), sig);
        long now = System.currentTimeMillis() / 1000;

        assertTrue(Hmac.verify(SECRET, ts, sig, r.body(), now));
        assertFalse(Hmac.verify(SECRET, ts, sig, (PAYLOAD + " ").getBytes(StandardCharsets.UTF_8), now),
                "a changed body does not verify");
        assertFalse(Hmac.verify(SECRET, Long.toString(Long.parseLong(ts) - 1), sig, r.body(), now),
                "a changed timestamp does not verify");
        assertFalse(Hmac.verify(SECRET, ts, sig, r.body(), now + 3600), "an hour-old delivery is a replay");
        assertFalse(Hmac.verify(SECRET.replace('9', '8'), ts, sig, r.body(), now), "another secret does not verify");
    }

    @Test
    void theUrlsUserinfoIsBasicAuthorizationAndItsQueryIsInTheRequestLine() {
        Received r = deliverSigned();

        assertEquals("Basic a2ZtOnBhNTU=", r.headers().getFirst("Authorization"));
        assertEquals("/hook?token=abc123", r.requestUri());
        assertEquals("1", r.headers().getFirst("X-KFM-Attempt"));
        assertNotNull(r.headers().getFirst("X-KFM-Run-Id"));
    }

    @Test
    void theShellRecipeVerifiesTheSignature() throws Exception {
        Received r = deliverSigned();
        Path body = Files.write(dir.resolve("body.json"), r.body());
        String recipe = docBlock("sh", "verify_kfm_signature()");
        String ts = r.headers().getFirst("X-KFM-Timestamp");
        String sig = r.headers().getFirst("X-KFM-Signature");

        assertEquals(0, run(List.of("bash", "-c", recipe + "\nverify_kfm_signature \"$1\" \"$2\" \"$3\"", "recipe",
                ts, sig, body.toString())), "the documented shell recipe accepts the delivery");
        Files.writeString(body, PAYLOAD + " ");
        assertEquals(1, run(List.of("bash", "-c", recipe + "\nverify_kfm_signature \"$1\" \"$2\" \"$3\"", "recipe",
                ts, sig, body.toString())), "and refuses a changed body");
    }

    @Test
    void thePythonRecipeVerifiesTheSignature() throws Exception {
        Received r = deliverSigned();
        Path body = Files.write(dir.resolve("body.json"), r.body());
        String recipe = docBlock("python", "def verify_kfm_signature");
        String check = recipe + "\nimport os, sys\nok = verify_kfm_signature(os.environ['KFM_WEBHOOKS_SIGNING_SECRET'], "
                + "sys.argv[1], sys.argv[2], open(sys.argv[3], 'rb').read())\nsys.exit(0 if ok else 1)\n";
        Path script = Files.writeString(dir.resolve("verify.py"), check);
        String ts = r.headers().getFirst("X-KFM-Timestamp");
        String sig = r.headers().getFirst("X-KFM-Signature");

        assertEquals(0, run(List.of("python3", script.toString(), ts, sig, body.toString())));
        assertEquals(1, run(List.of("python3", script.toString(), ts, "sha256=" + "0".repeat(64), body.toString())));
    }

    @Test
    void anUnsignedDeliveryHasNoSignatureHeaders() {
        WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        WebhookCall call = new WebhookCall(HttpClient.newHttpClient(), WebhookSettings.of(List.of(target),
                Duration.ofSeconds(5), 1, Duration.ZERO, Optional.empty()), Clock.systemUTC());

        assertEquals(DeliveryOutcome.DELIVERED, call.deliver(target, UUID.randomUUID(), new byte[] {'{', '}'},
                (n, at) -> { }).outcome());
        assertNull(received.get(0).headers().getFirst("X-KFM-Signature"));
        assertNull(received.get(0).headers().getFirst("Authorization"));
    }

    /** The fenced block of docs/service.md in that language that contains the marker. */
    private static String docBlock(String language, String marker) throws IOException {
        String doc = Files.readString(TestDatabase.repoRoot().resolve("docs/service.md"));
        Matcher m = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```").matcher(doc);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                found.add(m.group(1));
            }
        }
        assertEquals(1, found.size(), () -> "one ```" + language + " block with " + marker + " in docs/service.md");
        return found.get(0);
    }

    private static int run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KFM_WEBHOOKS_SIGNING_SECRET", SECRET);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "recipe finished");
        if (p.exitValue() > 1) {
            throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + out);
        }
        return p.exitValue();
    }
}
