package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/projection/diff: what kfm-projection diff tells, between the projection's own
 * generations only (no other schema is readable over HTTP), for viewers and operators.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProjectionDiffEndpointIT {

    @Test
    void aKeptShadowIsComparedWithLivePerDatasetVersion() {
        Api.rebuildNow();
        String id = Api.start("{\"force\": true, \"noSwap\": true}").extract().path("id");
        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", run.get("outcome"), () -> "run: " + run);
        // the same catalog: every version's rows are there on both sides, none differs
        Api.as(Tokens.viewer()).get("/api/v1/projection/diff").then().statusCode(200)
                .body("from", equalTo("kfm_index")).body("to", equalTo("kfm_index_shadow")).body("limit", equalTo(10))
                .body("added", equalTo(0)).body("removed", equalTo(0)).body("changed", equalTo(0))
                .body("versions.size()", greaterThan(0)).body("versions.unchanged", hasItem(greaterThan(0)));
        // a feature edited in the shadow is named as changed, in its version
        String edited = Api.queryOne("UPDATE kfm_index_shadow.feature_geom SET properties = properties"
                + " || '{\"edited\": true}' WHERE feature_id = (SELECT min(feature_id) FROM"
                + " kfm_index_shadow.feature_geom) RETURNING feature_id");
        Api.as(Tokens.operator()).get("/api/v1/projection/diff?limit=1").then().statusCode(200)
                .body("changed", equalTo(1)).body("versions.changedIds.flatten()", hasItem(edited));
    }

    @Test
    void onlyTheProjectionsOwnGenerationsAndBoundedLimitsAreAccepted() {
        Api.as(Tokens.viewer()).get("/api/v1/projection/diff?from=kfm_ops").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("from"));
        Api.as(Tokens.viewer()).get("/api/v1/projection/diff?to=pg_catalog").then().statusCode(400)
                .body("field", equalTo("to"));
        Api.as(Tokens.viewer()).get("/api/v1/projection/diff?limit=101").then().statusCode(400)
                .body("field", equalTo("limit"));
        Api.as(Tokens.stranger()).get("/api/v1/projection/diff").then().statusCode(403)
                .contentType("application/problem+json");
        Api.as(null).get("/api/v1/projection/diff").then().statusCode(401).contentType("application/problem+json");
    }
}
