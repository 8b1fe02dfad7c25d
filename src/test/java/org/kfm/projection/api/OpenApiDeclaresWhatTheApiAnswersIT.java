package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 8: every status the API is seen to answer is declared for that operation in the
 * served OpenAPI document, every 4xx as application/problem+json, and the documented successes are
 * the real ones (202 for starting and cancelling a rebuild; request bodies optional).
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiDeclaresWhatTheApiAnswersIT {
    private record Seen(String method, String template, int status) {
    }

    private final List<Seen> seen = new ArrayList<>();

    private void call(String method, String template, String path, String token, String contentType, String body) {
        RequestSpecification r = Api.as(token);
        if (contentType != null) {
            r = r.contentType(contentType);
        }
        if (body != null) {
            r = r.body(body);
        }
        int status = (method.equals("GET") ? r.get(path) : r.post(path)).then().extract().statusCode();
        seen.add(new Seen(method, template, status));
    }

    @Test
    void everyObservedStatusIsDeclared() {
        String op = Tokens.operator();
        String big = "{\"catalog\": \"" + "x".repeat(70 * 1024) + "\"}";
        String finished = Api.rebuildNow().get("id").toString();
        String unknown = UUID.randomUUID().toString();
        String json = "application/json";

        call("POST", "/api/v1/rebuilds", "/api/v1/rebuilds", op, json, "{\"dryRun\": true}");
        Api.awaitIdle();
        for (String token : new String[] {null, Tokens.viewer()}) {
            call("POST", "/api/v1/rebuilds", "/api/v1/rebuilds", token, json, "{}");
        }
        call("POST", "/api/v1/rebuilds", "/api/v1/rebuilds", op, json, "{\"force\": 1}");
        call("POST", "/api/v1/rebuilds", "/api/v1/rebuilds", op, json, big);
        call("POST", "/api/v1/rebuilds", "/api/v1/rebuilds", op, "text/plain", "force");

        call("GET", "/api/v1/rebuilds", "/api/v1/rebuilds", Tokens.viewer(), null, null);
        call("GET", "/api/v1/rebuilds", "/api/v1/rebuilds?size=0", Tokens.viewer(), null, null);
        call("GET", "/api/v1/rebuilds", "/api/v1/rebuilds", Tokens.stranger(), null, null);
        call("GET", "/api/v1/rebuilds", "/api/v1/rebuilds", null, null, null);

        String one = "/api/v1/rebuilds/{id}";
        call("GET", one, "/api/v1/rebuilds/" + finished, Tokens.viewer(), null, null);
        call("GET", one, "/api/v1/rebuilds/" + unknown, Tokens.viewer(), null, null);
        call("GET", one, "/api/v1/rebuilds/not-a-uuid", Tokens.viewer(), null, null);
        call("GET", one, "/api/v1/rebuilds/" + finished, null, null, null);

        String cancel = "/api/v1/rebuilds/{id}/cancel";
        call("POST", cancel, "/api/v1/rebuilds/" + finished + "/cancel", op, null, null);
        call("POST", cancel, "/api/v1/rebuilds/" + unknown + "/cancel", op, null, null);
        call("POST", cancel, "/api/v1/rebuilds/nope/cancel", op, null, null);
        call("POST", cancel, "/api/v1/rebuilds/" + finished + "/cancel", Tokens.viewer(), null, null);
        call("POST", cancel, "/api/v1/rebuilds/" + finished + "/cancel", op, json, big);

        call("GET", "/api/v1/projection", "/api/v1/projection", Tokens.viewer(), null, null);
        call("GET", "/api/v1/projection", "/api/v1/projection", Tokens.issuedIn(3600), null, null);
        call("GET", "/api/v1/projection", "/api/v1/projection", Tokens.stranger(), null, null);

        String rollback = "/api/v1/projection/rollback";
        call("POST", rollback, rollback, op, null, null);
        call("POST", rollback, rollback, op, null, null);
        call("POST", rollback, rollback, Tokens.viewer(), null, null);
        call("POST", rollback, rollback, op, json, big);

        String validate = "/api/v1/projection/validate";
        call("POST", validate, validate, op, null, null);
        call("POST", validate, validate, op, json, "{\"generation\": \"shadow\"}");
        call("POST", validate, validate, op, json, "{\"generation\": 3}");
        call("POST", validate, validate, op, "text/plain", "live");
        call("POST", validate, validate, op, json, big);
        call("POST", validate, validate, null, null, null);

        JsonPath doc = RestAssured.given().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        List<String> missing = new ArrayList<>();
        for (Seen s : seen) {
            String at = "paths.'" + s.template() + "'." + s.method().toLowerCase() + ".responses.'" + s.status() + "'";
            Map<String, Object> response = doc.getMap(at);
            if (response == null) {
                missing.add(s.method() + " " + s.template() + " " + s.status());
            } else if (s.status() >= 400 && doc.getMap(at + ".content.'application/problem+json'.schema") == null) {
                missing.add(s.method() + " " + s.template() + " " + s.status() + " without a problem+json schema");
            }
        }
        assertEquals(List.of(), missing, "observed " + seen);
        assertTrue(seen.stream().anyMatch(s -> s.status() == 413) && seen.stream().anyMatch(s -> s.status() == 415));
    }

    @Test
    void theDocumentedSuccessesAreTheRealOnes() {
        JsonPath doc = RestAssured.given().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        for (String op : new String[] {"'/api/v1/rebuilds'.post", "'/api/v1/rebuilds/{id}/cancel'.post"}) {
            assertTrue(doc.getMap("paths." + op + ".responses.'202'.content") != null, op);
            assertEquals(null, doc.getMap("paths." + op + ".responses.'200'"), op);
        }
        for (String op : new String[] {"'/api/v1/rebuilds'.post", "'/api/v1/projection/validate'.post"}) {
            assertNotEquals(Boolean.TRUE, doc.get("paths." + op + ".requestBody.required"), op);
        }
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, ops) -> {
            if (path.startsWith("/api/")) {
                ops.keySet().forEach(method -> {
                    Map<String, Object> responses = doc.getMap("paths.'" + path + "'." + method + ".responses");
                    responses.keySet().stream().filter(s -> s.startsWith("2")).forEach(s -> assertTrue(
                            doc.getMap("paths.'" + path + "'." + method + ".responses.'" + s + "'.content") != null,
                            method + " " + path + " " + s + " has no body schema"));
                });
            }
        });
    }
}
