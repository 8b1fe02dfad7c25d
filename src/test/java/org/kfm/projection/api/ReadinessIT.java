package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A service started on a database without a generation: runs left open by a dead replica are marked
 * ABANDONED at start, and readiness turns UP only once a first generation is live.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "seedOpenRun", value = "true"))
class ReadinessIT {
    /** Our check's data (the datasource's own check is listed too, in no fixed order). */
    private static final String OURS = "checks.find { it.name == 'kfm-projection' }.data";

    @Test
    void readyOnlyAfterTheFirstGenerationAndDeadRunsAbandoned() {
        assertEquals("ABANDONED", Api.queryOne("SELECT outcome FROM kfm_ops.rebuild_run WHERE run_id = '"
                + ServiceTestResource.SEEDED_RUN + "'"));
        Api.as(null).get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body(OURS + ".liveGeneration", equalTo("none yet: run a first rebuild"));
        Api.rebuildNow();
        Api.as(null).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(OURS + ".opsSchemaVersion", equalTo("0004"));
    }
}
