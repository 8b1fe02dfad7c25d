package org.kfm.projection.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every endpoint against no token, a bad token, a viewer and an operator. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RoleMatrixIT {
    private static final String UNKNOWN = UUID.randomUUID().toString();

    private record Endpoint(String method, String path, String body) {
        boolean reads() {
            return method.equals("GET");
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("GET", "/api/v1/rebuilds", null),
            new Endpoint("GET", "/api/v1/rebuilds/" + UNKNOWN, null),
            new Endpoint("GET", "/api/v1/projection", null),
            new Endpoint("POST", "/api/v1/rebuilds", "{\"dryRun\": true}"),
            new Endpoint("POST", "/api/v1/rebuilds/" + UNKNOWN + "/cancel", null),
            new Endpoint("POST", "/api/v1/projection/rollback", null),
            new Endpoint("POST", "/api/v1/projection/validate", "{\"generation\": \"previous\"}"));

    private static ValidatableResponse call(String token, Endpoint e) {
        var r = Api.as(token).contentType(ContentType.JSON);
        if (e.body() != null) {
            r = r.body(e.body());
        }
        return (e.reads() ? r.get(e.path()) : r.post(e.path())).then();
    }

    @Test
    void everyEndpointAnswers401ProblemWithoutAToken() {
        for (Endpoint e : ENDPOINTS) {
            call(null, e).statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("status", equalTo(401)).body("type", equalTo("https://kfm.example/problems/unauthorized"))
                    .body("instance", equalTo(e.path()));
        }
    }

    @Test
    void rejectedTokensAnswer401() {
        for (String token : List.of(Tokens.wrongKey(), Tokens.wrongIssuer(), Tokens.expired(), "not-a-jwt")) {
            for (Endpoint e : ENDPOINTS) {
                call(token, e).statusCode(401).contentType("application/problem+json");
            }
        }
    }

    @Test
    void viewersReadAndAreForbiddenToAct() {
        for (Endpoint e : ENDPOINTS) {
            if (e.reads()) {
                call(Tokens.viewer(), e).statusCode(not(oneOf(401, 403)));
            } else {
                call(Tokens.viewer(), e).statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo("https://kfm.example/problems/forbidden"));
            }
        }
        String denied = Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE principal = 'vera' "
                + "AND outcome = 'denied'");
        org.junit.jupiter.api.Assertions.assertTrue(Integer.parseInt(denied) >= 4, "denied POSTs are audited");
    }

    @Test
    void aTokenWithoutAKnownRoleIsForbiddenEverywhere() {
        for (Endpoint e : ENDPOINTS) {
            call(Tokens.stranger(), e).statusCode(403);
        }
    }

    @Test
    void operatorsReadAndAct() {
        for (Endpoint e : ENDPOINTS) {
            ValidatableResponse r = call(Tokens.operator(), e).statusCode(not(oneOf(401, 403)));
            if (e.path().equals("/api/v1/rebuilds") && !e.reads()) {
                String id = r.statusCode(oneOf(202, 409)).extract().path("id");
                if (id != null) {
                    Api.awaitEnd(id, Duration.ofSeconds(60));
                }
            }
        }
    }
}
