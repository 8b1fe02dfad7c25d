package org.kfm.projection.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** POST /projection/rollback and /projection/validate. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RollbackAndValidateIT {

    @Test
    void rollbackMakesThePreviousGenerationLiveAgain() {
        Api.rebuildNow();
        Api.rebuildNow();
        var before = Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200).extract().jsonPath();
        int live = before.getInt("live.number");
        int previous = before.getInt("previous.number");
        Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(200)
                .body("rollback.action", equalTo("rollback"))
                .body("projection.live.number", equalTo(previous))
                .body("projection.previous.number", equalTo(live));
        assertTrue(Integer.parseInt(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE action = "
                + "'projection.rollback' AND outcome = 'succeeded' AND principal = 'otto'")) >= 1);
        // and back, so other tests find the newest generation live
        Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(200)
                .body("projection.live.number", equalTo(live));
    }

    @Test
    void validateReportsParityOfTheLiveGeneration() {
        Api.rebuildNow();
        Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{}").post("/api/v1/projection/validate")
                .then().statusCode(200).body("passed", equalTo(true));
        Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{\"generation\": \"kfm_ops\"}")
                .post("/api/v1/projection/validate").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("generation"));
        Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{\"catalog\": \"s3://elsewhere/catalog.json\"}")
                .post("/api/v1/projection/validate").then().statusCode(400).body("field", equalTo("catalog"))
                .body("detail", containsString("allowed catalog prefix"));
        assertTrue(Integer.parseInt(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE action = "
                + "'projection.validate' AND outcome = 'succeeded' AND principal = 'otto'")) >= 1);
    }
}
