package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;

/** A cancel stops the load at its next batch; the run ends CANCELLED and the live generation stays. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CancelRebuildIT {
    private static final long FEATURES = 200_000;

    @Test
    void cancelDuringLoadEndsCancelledWithLiveUntouched() throws Exception {
        Map<String, Object> before = liveGeneration();
        Path big = Path.of(ConfigProvider.getConfig().getValue("kfm.api.allowed-catalog-prefixes", String.class))
                .resolve("big");
        new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(big, FEATURES, 7, 2,
                SyntheticFormat.NDJSON));

        String id = Api.start("{\"catalog\": \"" + big.resolve("catalog.json") + "\", \"force\": true}").extract()
                .path("id");
        awaitLoading(id);
        Api.as(Tokens.operator()).post("/api/v1/rebuilds/" + id + "/cancel").then().statusCode(202)
                .body("id", equalTo(id));

        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("CANCELLED", run.get("outcome"), () -> "run: " + run);
        assertEquals("LOADING", run.get("phase"), () -> "cancelled in the load: " + run);
        @SuppressWarnings("unchecked")
        Map<String, Object> progress = (Map<String, Object>) run.get("progress");
        assertTrue(((Number) progress.get("rows")).longValue() < FEATURES, () -> "stopped early: " + progress);
        assertEquals(before, liveGeneration(), "live generation untouched");
        Api.as(Tokens.operator()).post("/api/v1/rebuilds/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("rule", equalTo("run-not-running"))
                .body("runId", equalTo(id));
        assertEquals("1", Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE action = 'rebuild.cancel' "
                + "AND outcome = 'accepted' AND run_id = '" + id + "'"));
    }

    private static Map<String, Object> liveGeneration() {
        if (Api.as(Tokens.viewer()).get("/api/v1/projection").then().extract().path("live") == null) {
            Api.rebuildNow();
        }
        return Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200).extract().jsonPath()
                .getMap("live");
    }

    /** Until the run reports rows loaded, so the cancel lands inside the load. */
    private static void awaitLoading(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var run = Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (!run.getBoolean("running")) {
                throw new AssertionError("the run ended before it could be cancelled: " + run.prettify());
            }
            if ("LOADING".equals(run.getString("phase")) && run.get("progress") != null) {
                return;
            }
            Api.sleep(50);
        }
        throw new AssertionError("the run never reached LOADING");
    }
}
