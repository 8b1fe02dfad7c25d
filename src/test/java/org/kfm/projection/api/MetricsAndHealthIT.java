package org.kfm.projection.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operability endpoints are public and expose the documented names. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MetricsAndHealthIT {
    static final List<String> DOCUMENTED = List.of("kfm_rebuild_runs_total{outcome=\"SUCCEEDED\"}",
            "kfm_rebuild_phase_seconds_count{phase=\"LOADING\"}", "kfm_rebuild_rows_loaded_total",
            "kfm_projection_live ", "kfm_projection_generation ", "kfm_projection_generation_age_seconds ",
            "kfm_rebuild_last_success_timestamp_seconds ", "kfm_parity_failures_total",
            "kfm_rebuild_lock_refusals_total", "kfm_schedule_skips_total{reason=\"unchanged\"}",
            "kfm_schedule_skips_total{reason=\"lock-held\"}");

    @Test
    void metricsCarryTheDocumentedNames() {
        Api.rebuildNow();
        String text = Api.as(null).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : DOCUMENTED) {
            assertTrue(text.contains(name), () -> name + " missing from /q/metrics");
        }
        assertTrue(ScheduleIT.metric("kfm_projection_generation") >= 1);
        assertTrue(ScheduleIT.metric("kfm_rebuild_rows_loaded_total") >= 33);
    }

    @Test
    void healthOpenApiAndSwaggerArePublic() {
        Api.rebuildNow();
        Api.as(null).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Api.as(null).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Api.as(null).get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/rebuilds"));
        Api.as(null).get("/q/swagger-ui/").then().statusCode(200);
    }
}
