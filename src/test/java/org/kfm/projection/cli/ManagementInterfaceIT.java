package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestDatabase;

/**
 * The packaged service serves health and metrics on the management interface
 * ({@code QUARKUS_MANAGEMENT_HOST}/{@code QUARKUS_MANAGEMENT_PORT}) and not on the API's port; a
 * CLI command run beside it does not open the management port.
 */
class ManagementInterfaceIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void metricsAndHealthAreOnTheManagementPortOnly() throws Exception {
        int api = freePort();
        int management = freePort();
        KfmProcess kfm = new KfmProcess(db, "kfm_index", dir).env("QUARKUS_HTTP_PORT", String.valueOf(api))
                .env("QUARKUS_MANAGEMENT_HOST", "127.0.0.1").env("QUARKUS_MANAGEMENT_PORT", String.valueOf(management))
                .env("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        TestDatabase.repoRoot().resolve("src/test/resources/jwt/test-publicKey.pem").toString());
        KfmProcess.Started serve = kfm.start("serve");
        try {
            awaitStatus(management, "/q/health/live", 200, serve);
            HttpResponse<String> metrics = get(management, "/q/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("kfm_projection_live"), metrics.body());
            assertEquals(200, get(management, "/q/health/ready").statusCode(), "ready on a fresh database");

            assertEquals(404, get(api, "/q/metrics").statusCode(), "no metrics on the API's port");
            assertEquals(404, get(api, "/q/health/ready").statusCode(), "no health on the API's port");
            assertEquals(401, get(api, "/api/v1/projection").statusCode(), "the API is on its port");

            KfmProcess.Result status = kfm.run(120, "status");
            assertEquals(0, status.exit(), "a CLI command beside serve does not bind the management port: " + status);
        } finally {
            serve.process().destroy();
            serve.process().waitFor();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(int port, String path, int status, KfmProcess.Started serve) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(serve.process().isAlive(), "serve ended:\n" + serve.stderrText());
            try {
                if (get(port, path).statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " on port " + port + " never answered " + status + ":\n" + serve.stderrText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
