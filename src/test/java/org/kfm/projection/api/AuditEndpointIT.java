package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/audit (viewers and operators, paged, newest first), POST /projection/prune, and the console page. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuditEndpointIT {

    @Test
    void theAuditTrailListsActionsAndRefusalsNewestFirst() {
        Api.rebuildNow();
        Api.as(Tokens.viewer()).post("/api/v1/projection/rollback").then().statusCode(403);
        Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{\"force\": 1}").post("/api/v1/rebuilds").then()
                .statusCode(400);
        // the 403 is audited on another thread: wait for its row
        for (int i = 0; i < 50 && Long.parseLong(Api.queryOne(
                "SELECT count(*) FROM kfm_ops.audit_event WHERE outcome = 'denied'")) == 0; i++) {
            Api.sleep(100);
        }
        long total = Long.parseLong(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event"));
        JsonPath page = Api.as(Tokens.viewer()).get("/api/v1/audit?size=2").then().statusCode(200)
                .contentType(ContentType.JSON).body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", equalTo((int) total)).extract().jsonPath();
        List<String> at = page.getList("items.at");
        assertEquals(2, at.size());
        assertTrue(at.get(0).compareTo(at.get(1)) >= 0, "newest first: " + at);
        assertEquals("otto", page.getString("items[0].principal"));
        assertEquals("rebuild.start", page.getString("items[0].action"));
        assertEquals("refused:wrong-type", page.getString("items[0].outcome"));
        assertNotNull(page.get("items[0].arguments"), "what the caller sent is shown");
        Api.as(Tokens.operator()).get("/api/v1/audit?page=0&size=100").then().statusCode(200)
                .body("items.find { it.outcome == 'denied' }.principal", equalTo("vera"))
                .body("items.find { it.action == 'rebuild.start' && it.outcome == 'accepted' }.runId", notNullValue());
        Api.as(Tokens.viewer()).get("/api/v1/audit?page=1&size=1").then().statusCode(200)
                .body("items[0].id", equalTo(page.getInt("items[1].id")));
    }

    @Test
    void badPagingAndMissingRolesAreProblems() {
        Api.as(Tokens.viewer()).get("/api/v1/audit?size=0").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("size"));
        Api.as(Tokens.viewer()).get("/api/v1/audit?page=x").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("page"));
        Api.as(Tokens.stranger()).get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
        Api.as(null).get("/api/v1/audit").then().statusCode(401).contentType("application/problem+json");
        JsonPath doc = RestAssured.given().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        for (String status : new String[] {"200", "400", "401", "403"}) {
            assertNotNull(doc.getMap("paths.'/api/v1/audit'.get.responses.'" + status + "'"), status);
        }
        assertNotNull(doc.getMap("paths.'/api/v1/audit'.get.responses.'400'.content.'application/problem+json'"));
        assertNotNull(doc.getMap("paths.'/api/v1/projection/prune'.post.responses.'409'"));
    }

    @Test
    void pruneDropsThePreviousGenerationAndIsAudited() {
        Api.rebuildNow();
        Api.rebuildNow();
        Api.as(Tokens.viewer()).post("/api/v1/projection/prune").then().statusCode(403);
        String runId = Api.as(Tokens.operator()).post("/api/v1/projection/prune").then().statusCode(200)
                .body("prune.dropped", org.hamcrest.Matchers.hasItem("kfm_index_prev")).extract().path("runId");
        Api.as(Tokens.viewer()).get("/api/v1/runs/" + runId).then().statusCode(200).body("kind", equalTo("prune"))
                .body("outcome", equalTo("SUCCEEDED"));
        Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200).body("previous", equalTo(null));
        Api.as(Tokens.viewer()).get("/api/v1/audit?size=100").then().statusCode(200)
                .body("items.findAll { it.action == 'projection.prune' && it.outcome == 'succeeded' }.size()",
                        greaterThanOrEqualTo(1))
                .body("items.find { it.action == 'projection.prune' && it.outcome == 'denied' }.principal",
                        equalTo("vera"));
    }

    @Test
    void meNamesTheCallerAndItsRoles() {
        Api.as(Tokens.viewer()).get("/api/v1/me").then().statusCode(200).body("principal", equalTo("vera"))
                .body("roles", equalTo(List.of("viewer")));
        Api.as(Tokens.operator()).get("/api/v1/me").then().statusCode(200).body("principal", equalTo("otto"))
                .body("roles", equalTo(List.of("operator")));
        Api.as(Tokens.stranger()).get("/api/v1/me").then().statusCode(200).body("roles", equalTo(List.of()));
        Api.as(null).get("/api/v1/me").then().statusCode(200).body("principal", equalTo(null))
                .body("roles", equalTo(List.of()));
        Api.as(Tokens.wrongKey()).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        Api.as(Tokens.expired()).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void theConsolePageIsServedWithAPolicyThatAllowsOnlyThisOrigin() {
        for (String path : new String[] {"/", "/console", "/console/audit",
                "/console/runs/00000000-0000-0000-0000-000000000001"}) {
            RestAssured.given().get(path).then().statusCode(200).contentType(ContentType.HTML)
                    .header("Content-Security-Policy", ConsolePage.CSP)
                    .body(org.hamcrest.Matchers.containsString("<script type=\"module\" src=\"/console/assets/app.js\">"));
        }
        RestAssured.given().get("/console/assets/app.js").then().statusCode(200);
        RestAssured.given().get("/console/assets/console.css").then().statusCode(200);
    }
}
