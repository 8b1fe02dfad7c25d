package org.kfm.projection.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10 item 5: bodies are capped, parsed strictly, and never echoed whole. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RequestBodiesAreStrictAndBoundedIT {
    private static final List<String> POSTS = List.of("/api/v1/rebuilds", "/api/v1/projection/validate");

    private static ValidatableResponse post(String path, String contentType, String body) {
        var r = Api.as(Tokens.operator());
        if (contentType != null) {
            r = r.contentType(contentType);
        }
        return r.body(body).post(path).then();
    }

    private static void problem(ValidatableResponse r, int status, String type, String rule) {
        r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("type", equalTo("https://kfm.example/problems/" + type)).body("rule", equalTo(rule))
                .body("detail", not(containsString("java"))).body("detail", not(containsString("Jackson")))
                .body("detail", not(containsString("VALUE_"))).body("detail", not(containsString("token")))
                .body("detail", not(containsString("Boolean")));
    }

    private static int audited(String where) {
        return Integer.parseInt(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE principal = 'otto' "
                + "AND outcome = 'refused:body-too-large' AND " + where));
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndAudited() {
        String big = "{\"catalog\": \"" + "x".repeat(100 * 1024) + "\"}";
        int before = audited("arguments ? 'contentLength'");
        for (String path : POSTS) {
            problem(post(path, "application/json", big), 413, "body-too-large", "body-too-large");
        }
        assertEquals(before + 2, audited("arguments ? 'contentLength'"));
    }

    @Test
    void aChunkedBodyIsRefusedBeforeItIsRead() throws Exception {
        byte[] big = ("{\"catalog\": \"" + "x".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        int before = Integer.parseInt(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE principal = "
                + "'otto' AND outcome = 'refused:length-required'"));
        for (byte[] body : new byte[][] {big, "{\"dryRun\": true}".getBytes(StandardCharsets.UTF_8)}) {
            // A body of unknown length goes out chunked, with no Content-Length to judge it by.
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                    + "/api/v1/rebuilds")).header("Authorization", "Bearer " + Tokens.operator())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(411, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("https://kfm.example/problems/length-required"), response.body());
        }
        assertEquals(String.valueOf(before + 2), Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE "
                + "principal = 'otto' AND outcome = 'refused:length-required'"));
    }

    @Test
    void aLongValueIsEchoedShortInTheProblemAndTheAudit() {
        String value = "/elsewhere/" + "y".repeat(50_000);
        for (String path : POSTS) {
            problem(post(path, "application/json", "{\"catalog\": \"" + value + "\"}"), 400, "catalog-not-allowed",
                    "catalog-not-allowed");
            post(path, "application/json", "{\"catalog\": \"" + value + "\"}")
                    .body("detail.length()", lessThan(600)).body("detail", containsString(" characters) is outside"));
        }
        String longest = Api.queryOne("SELECT max(length(arguments::text)) FROM kfm_ops.audit_event");
        assertTrue(Integer.parseInt(longest) < 600, "audit arguments cut short, longest is " + longest);
    }

    @Test
    void aWrongTypeIsRefusedNamingTheMember() {
        for (String body : List.of("{\"force\": 1}", "{\"force\": \"true\"}", "{\"allowShrink\": \"0.5\"}",
                "{\"pruneBeforeLoad\": \"yes\"}",
                "{\"catalog\": 5}")) {
            ValidatableResponse r = post("/api/v1/rebuilds", "application/json", body);
            problem(r, 400, "invalid-field", "wrong-type");
            r.body("detail", containsString("expected"));
        }
        post("/api/v1/rebuilds", "application/json", "{\"force\": 1}").body("field", equalTo("force"))
                .body("detail", containsString("expected a boolean (true or false), found a number"));
        problem(post("/api/v1/projection/validate", "application/json", "{\"generation\": true}"), 400,
                "invalid-field", "wrong-type");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        for (String path : POSTS) {
            problem(post(path, "text/plain", "{\"dryRun\": true}"), 415, "unsupported-media-type",
                    "unsupported-media-type");
            problem(post(path, "application/x-www-form-urlencoded", "dryRun=true"), 415, "unsupported-media-type",
                    "unsupported-media-type");
        }
    }

    @Test
    void duplicateAndUnknownMembersAndBrokenJsonAre400() {
        for (String path : POSTS) {
            problem(post(path, "application/json", "{\"catalog\": \"a\", \"catalog\": \"b\"}"), 400,
                    "malformed-json", "duplicate-member");
            problem(post(path, "application/json", "{\"nonsense\": true}"), 400, "invalid-field", "unknown-field");
            post(path, "application/json", "{\"nonsense\": true}").body("field", equalTo("nonsense"));
            problem(post(path, "application/json", "{\"dryRun\": tru"), 400, "malformed-json", "malformed-json");
            problem(post(path, "application/json", "[1, 2]"), 400, "malformed-json", "malformed-json");
            problem(post(path, "application/json", "{} {}"), 400, "malformed-json", "malformed-json");
        }
    }

    @Test
    void refusedBodiesAreAuditedWithTheSameOutcomeWordsEverywhere() {
        post("/api/v1/rebuilds", "application/json", "{\"force\": 1}").statusCode(400);
        post("/api/v1/projection/validate", "application/json", "{\"generation\": 1}").statusCode(400);
        String outcomes = Api.queryOne("SELECT string_agg(DISTINCT action || '=' || outcome, ',' ORDER BY "
                + "action || '=' || outcome) FROM kfm_ops.audit_event WHERE outcome LIKE '%wrong-type'");
        assertEquals("projection.validate=refused:wrong-type,rebuild.start=refused:wrong-type", outcomes);
        assertFalse(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE outcome LIKE 'failed:wrong%'")
                .equals("1"));
    }
}
