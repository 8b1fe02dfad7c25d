package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;

/**
 * Every run is visible ({@code GET /api/v1/runs}, filtered by kind and outcome; one run by id), and
 * the shadow a rebuild is writing cannot be validated: refused with 409 naming the rebuild, recorded
 * REFUSED (left out of the default lists), and not counted as a parity failure.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunsOfEveryKindIT {
    private static final String PARITY_FAILURES = "kfm_parity_failures_total";

    @Test
    void validatingTheShadowWhileARebuildWritesItIsRefusedAndNotCountedAsAParityFailure() throws Exception {
        Api.rebuildNow();
        Path big = Path.of(ConfigProvider.getConfig().getValue("kfm.api.allowed-catalog-prefixes", String.class))
                .resolve("big-runs");
        new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(big, 200_000, 11, 2,
                SyntheticFormat.NDJSON));
        double failuresBefore = ScheduleIT.metric(PARITY_FAILURES);
        String rebuild = Api.start("{\"catalog\": \"" + big.resolve("catalog.json") + "\", \"force\": true}")
                .extract().path("id");
        try {
            awaitLoading(rebuild);
            String refused = Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{\"generation\": \"shadow\"}")
                    .post("/api/v1/projection/validate").then().statusCode(409)
                    .contentType("application/problem+json").body("rule", equalTo("lock-held"))
                    .body("runId", equalTo(rebuild)).extract().path("detail");
            assertEquals(true, refused.contains("run " + rebuild), refused);
            Api.trigger("{\"force\": true}").statusCode(409).body("rule", equalTo("lock-held"));
        } finally {
            Api.as(Tokens.operator()).post("/api/v1/rebuilds/" + rebuild + "/cancel");
            Api.awaitEnd(rebuild, Duration.ofSeconds(120));
        }
        assertEquals(failuresBefore, ScheduleIT.metric(PARITY_FAILURES), "a refusal is not a parity failure");

        String refusedValidate = Api.as(Tokens.viewer()).get("/api/v1/runs?kind=validate&outcome=refused").then()
                .statusCode(200).body("items[0].outcome", equalTo("REFUSED")).extract().path("items[0].id");
        Api.as(Tokens.viewer()).get("/api/v1/runs/" + refusedValidate).then().statusCode(200)
                .body("kind", equalTo("validate")).body("receipt.refusal.holderRunId", equalTo(rebuild))
                .body("receipt.error.exitCode", equalTo(3));
        Api.as(Tokens.viewer()).get("/api/v1/runs?size=100").then().statusCode(200)
                .body("items.outcome", not(hasItem("REFUSED")));
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds?size=100").then().statusCode(200)
                .body("items.outcome", not(hasItem("REFUSED")));
        Api.as(Tokens.viewer()).get("/api/v1/runs?kind=rebuild&outcome=REFUSED").then().statusCode(200)
                .body("items.kind", hasItem("rebuild"));
        Api.as(Tokens.viewer()).get("/api/v1/runs/" + rebuild).then().statusCode(200)
                .body("outcome", equalTo("CANCELLED")).body("receipt.cancellation.cause", equalTo("request"))
                .body("receipt.cancellation.by", equalTo("otto"));
    }

    @Test
    void rollbackAndValidateAnswerWithTheirRunIdAndEveryKindCanBeRead() {
        Api.rebuildNow();
        Api.rebuildNow();
        String rollback = Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(200)
                .extract().path("runId");
        Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(200);
        Api.as(Tokens.viewer()).get("/api/v1/runs/" + rollback).then().statusCode(200)
                .body("kind", equalTo("rollback")).body("outcome", equalTo("SUCCEEDED"))
                .body("receipt.receiptVersion", equalTo(2)).body("receipt.data.live", equalTo("swapped"))
                .body("self", equalTo("/api/v1/runs/" + rollback));
        String validate = Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/projection/validate").then().statusCode(200).body("passed", equalTo(true))
                .extract().path("runId");
        Api.as(Tokens.viewer()).get("/api/v1/runs/" + validate).then().statusCode(200)
                .body("kind", equalTo("validate")).body("receipt.parity.passed", equalTo(true));
        Api.as(Tokens.viewer()).get("/api/v1/runs?kind=rollback").then().statusCode(200)
                .body("items.kind", not(hasItem("rebuild"))).body("items.id", hasItem(rollback));
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + rollback).then().statusCode(404);

        Api.as(Tokens.viewer()).get("/api/v1/runs?kind=bogus").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("kind"));
        Api.as(Tokens.viewer()).get("/api/v1/runs?outcome=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("outcome"));
        Api.as(Tokens.viewer()).get("/api/v1/runs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("rule", equalTo("run-not-found"));
        Api.as(null).get("/api/v1/runs").then().statusCode(401);
    }

    /** Until the run reports rows loaded, so the shadow is being written. */
    private static void awaitLoading(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            var run = Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (!run.getBoolean("running")) {
                throw new AssertionError("the run ended before the shadow could be validated: " + run.prettify());
            }
            if ("LOADING".equals(run.getString("phase")) && run.get("progress") != null) {
                return;
            }
            Api.sleep(50);
        }
        throw new AssertionError("the run never reached LOADING");
    }
}
