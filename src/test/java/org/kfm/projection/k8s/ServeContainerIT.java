package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The image's {@code serve}, run as the dev overlay's Deployment says (user 185, read-only root, tmpfs
 * /tmp, its env, Secrets and args): live, a rebuild through the API with a token of the configured
 * issuer reaches SUCCEEDED and the service is ready; SIGTERM in the middle of a second rebuild ends
 * the container within the pod's grace period, the run recorded CANCELLED and live untouched.
 */
class ServeContainerIT {
    private static final long BIG = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ContainerFixture fx;
    private GenericContainer<?> serve;
    /** Health and metrics: the management interface, where the manifests' probes look. */
    private static final int MANAGEMENT_PORT = 9000;
    private String base;
    private String management;
    private String token;

    @BeforeEach
    void start() throws Exception {
        fx = new ContainerFixture();
        serve = fx.container(fx.dev, "Deployment", "kfm-projection")
                .waitingFor(Wait.forHttp("/q/health/live").forPort(MANAGEMENT_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        serve.start();
        base = "http://" + serve.getHost() + ":" + serve.getMappedPort(8080);
        management = "http://" + serve.getHost() + ":" + serve.getMappedPort(MANAGEMENT_PORT);
        String issuer = Manifests.map(fx.dev.get("ConfigMap", "kfm-projection-config").path("data"))
                .get("MP_JWT_VERIFY_ISSUER");
        assertNotNull(issuer, "the dev ConfigMap names no MP_JWT_VERIFY_ISSUER");
        token = Jwt.issuer(issuer).upn("container-it").subject("container-it").groups(Set.of("operator"))
                .expiresIn(900).sign(KeyUtils.readPrivateKey("jwt/test-privateKey.pem"));
    }

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.stop();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void servesRebuildsAndCancelsOnSigterm() throws Exception {
        assertEquals(200, get(management, "/q/health/live").statusCode());
        // ready on a fresh database: the instance can serve the API that makes the first generation
        assertEquals(200, get(management, "/q/health/ready").statusCode());
        assertEquals(503, get(management, "/q/health/group/projection").statusCode(), "no live generation yet");
        assertEquals(404, get("/q/health/ready").statusCode(), "health is on the management port only");
        assertEquals(401, post("/api/v1/rebuilds", "{}", null).statusCode(), "the API wants a token");

        JsonNode first = awaitEnd(started(post("/api/v1/rebuilds", "{}", token)));
        assertEquals("SUCCEEDED", first.path("outcome").asText(), first::toString);
        assertEquals("1", fx.liveGeneration());
        HttpResponse<String> live = get(management, "/q/health/group/projection");
        assertEquals(200, live.statusCode(), live::body);
        String liveRows = fx.queryOne("SELECT count(*) FROM " + ContainerFixture.PROJECTION + ".feature_geom");

        replaceCatalogWithABigOne();
        String id = started(post("/api/v1/rebuilds", "{\"force\": true}", token));
        awaitLoading(id);
        long grace = fx.dev.workload("Deployment", "kfm-projection").podSpec().path("terminationGracePeriodSeconds")
                .asLong();
        long t0 = System.nanoTime();
        ContainerFixture.client().killContainerCmd(serve.getContainerId()).withSignal("TERM").exec();
        while (Boolean.TRUE.equals(ContainerFixture.client().inspectContainerCmd(serve.getContainerId()).exec()
                .getState().getRunning())) {
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(grace).toNanos(), "still running " + grace
                    + " s after SIGTERM (terminationGracePeriodSeconds): Kubernetes would kill it\n" + serve.getLogs());
            Thread.sleep(250);
        }
        String outcome = fx.queryOne("SELECT outcome FROM kfm_ops.rebuild_run WHERE run_id = '" + id + "'");
        assertEquals("CANCELLED", outcome, serve::getLogs);
        assertEquals("1", fx.liveGeneration(), "live generation untouched");
        assertEquals(liveRows, fx.queryOne("SELECT count(*) FROM " + ContainerFixture.PROJECTION + ".feature_geom"),
                "live rows untouched");
    }

    /** The configured catalog location now holds a catalog big enough to SIGTERM its load. */
    private void replaceCatalogWithABigOne() throws IOException {
        try (Stream<Path> s = Files.list(fx.catalog)) {
            s.filter(p -> !p.getFileName().toString().equals("receipts")).forEach(ContainerFixture::deleteTree);
        }
        new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(fx.catalog, BIG, 7, 2,
                SyntheticFormat.NDJSON));
        ContainerFixture.openTree(fx.catalog);
    }

    private static String started(HttpResponse<String> r) throws IOException {
        assertEquals(202, r.statusCode(), r::body);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private JsonNode run(String id) throws Exception {
        HttpResponse<String> r = get("/api/v1/rebuilds/" + id);
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }

    private JsonNode awaitEnd(String id) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < end) {
            JsonNode run = run(id);
            if (!run.path("running").asBoolean(true)) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("rebuild " + id + " still running after 5 min:\n" + serve.getLogs());
    }

    /** Until the load has rows, so the SIGTERM lands inside it. */
    private void awaitLoading(String id) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < end) {
            JsonNode run = run(id);
            assertTrue(run.path("running").asBoolean(), () -> "ended before the SIGTERM: " + run);
            if (run.path("progress").path("rows").asLong(0) > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("rebuild " + id + " never reported loaded rows:\n" + serve.getLogs());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(base, path);
    }

    private HttpResponse<String> get(String root, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(30));
        b.header("Authorization", "Bearer " + token);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertFalse(r.statusCode() >= 500, () -> path + ": " + r.statusCode() + " " + r.body());
        return r;
    }
}
