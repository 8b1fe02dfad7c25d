package org.kfm.projection.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A service started on a fresh database without a generation: runs left open by a dead replica are
 * marked ABANDONED at start; readiness is UP at once (the API can serve, so the first rebuild can be
 * started through it), while the projection group is DOWN until a first generation is live.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "seedOpenRun", value = "true"))
class ReadinessIT {
    /** Our check's data (the datasource's own check is listed too, in no fixed order). */
    private static final String OURS = "checks.find { it.name == 'kfm-projection' }.data";
    private static final String LIVE = "checks.find { it.name == 'kfm-projection-live' }.data";

    @Test
    void readyWithoutAGenerationAndTheProjectionGroupUpOnlyAfterTheFirst() {
        assertEquals("ABANDONED", Api.queryOne("SELECT outcome FROM kfm_ops.rebuild_run WHERE run_id = '"
                + ServiceTestResource.SEEDED_RUN + "'"));
        Api.as(null).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(OURS + ".database", equalTo("ok")).body(OURS + ".opsSchemaVersion", equalTo("0005"));
        Api.as(null).get("/q/health/group/projection").then().statusCode(503).body("status", equalTo("DOWN"))
                .body(LIVE + ".liveGeneration", equalTo("none yet: run a first rebuild"));
        Api.as(null).get("/q/health/ready").then().statusCode(200);
        Api.as(null).get("/q/metrics").then().statusCode(200)
                .body(containsString("kfm_projection_live 0.0"));

        Api.rebuildNow();
        Api.as(null).get("/q/health/group/projection").then().statusCode(200).body("status", equalTo("UP"))
                .body(LIVE + ".liveGeneration", equalTo(1));
        Api.as(null).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
