package org.kfm.projection.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trigger, follow and list rebuilds; the API's refusals as problem details; the audit trail. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RebuildLifecycleIT {

    @Test
    void triggeredRebuildRunsToSucceededWithReceipt() {
        var accepted = Api.start("{\"force\": true}").extract();
        String id = accepted.path("id");
        assertNotNull(id);
        assertTrue(accepted.header("Location").endsWith("/api/v1/rebuilds/" + id), accepted.header("Location"));
        assertEquals("api", accepted.path("trigger"));
        assertEquals("otto", accepted.path("triggeredBy"));

        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", run.get("outcome"), () -> "run: " + run);
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200)
                .body("receipt.outcome", equalTo("SUCCEEDED")).body("receipt.runId", equalTo(id))
                .body("parity.passed", equalTo(true)).body("generation", notNullValue())
                .body("phase", equalTo("SWAPPING")).body("events.state", hasItem("LOADING"))
                .body("progress.rows", greaterThan(0)).body("progress.fraction", equalTo(1.0f));
        Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200)
                .body("live.runId", equalTo(id)).body("rebuildRunning", equalTo(false))
                .body("freshness.state", equalTo("UNSCHEDULED")).body("freshness.lastCurrentAt", notNullValue())
                .body("freshness.summary", containsString("no schedule is configured"));
        assertEquals("1", Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE action = 'rebuild.start' "
                + "AND outcome = 'accepted' AND principal = 'otto' AND run_id = '" + id + "'"));
    }

    @Test
    void aNoSwapRebuildLeavesAKeptShadowThatTheProjectionNamesUntilTheNextSwap() {
        String id = Api.start("{\"force\": true, \"noSwap\": true}").extract().path("id");
        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", run.get("outcome"), () -> "run: " + run);
        Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200)
                .body("keptShadow.schema", equalTo("kfm_index_shadow")).body("keptShadow.runId", equalTo(id))
                .body("keptShadow.outcome", equalTo("SUCCEEDED"));

        Map<String, Object> swapped = Api.awaitEnd(Api.start("{\"force\": true}").extract().path("id"),
                Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", swapped.get("outcome"), () -> "run: " + swapped);
        Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200)
                .body("keptShadow", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void pruneBeforeLoadDropsThePreviousGenerationAndTheReceiptSaysSo() {
        Map<String, Object> first = Api.awaitEnd(Api.start("{\"force\": true}").extract().path("id"),
                Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", first.get("outcome"), () -> "run: " + first);
        String id = Api.start("{\"force\": true, \"pruneBeforeLoad\": true}").extract().path("id");
        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", run.get("outcome"), () -> "run: " + run);
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200)
                .body("receipt.arguments.pruneBeforeLoad", equalTo(true))
                .body("receipt.shadowBudget.pruneBeforeLoad", equalTo(true))
                .body("receipt.shadowBudget.pruned", containsString("the rollback target is gone"))
                .body("events.state", hasItem("PRUNED"));
    }

    @Test
    void aDryRunHasItsPlanInTheReceiptAndChangesNothing() {
        Object liveBefore = Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200).extract()
                .path("live");
        String id = Api.start("{\"dryRun\": true, \"force\": true}").extract().path("id");
        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", run.get("outcome"), () -> "run: " + run);
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200)
                .body("generation", nullValue()).body("receipt.summary", containsString("dry run: would rebuild"))
                .body("receipt.plan.skip.skipped", equalTo(false))
                .body("receipt.plan.datasetVersions.size()", greaterThan(0))
                .body("receipt.plan.bytesToRead[0].store", equalTo("file:"))
                .body("receipt.plan.migration.toVersion", notNullValue());
        assertEquals(liveBefore, Api.as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200).extract()
                .path("live"), "live unchanged");
    }

    @Test
    void listIsPagedNewestFirst() {
        String first = Api.rebuildNow().get("id").toString();
        String second = Api.rebuildNow().get("id").toString();
        Api.as(Tokens.viewer()).queryParam("size", 1).get("/api/v1/rebuilds").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(second))
                .body("page", equalTo(0)).body("size", equalTo(1)).body("total", greaterThan(1));
        Api.as(Tokens.viewer()).queryParam("size", 1).queryParam("page", 1).get("/api/v1/rebuilds").then()
                .statusCode(200).body("items[0].id", equalTo(first));
        Api.as(Tokens.viewer()).queryParam("size", 1000).get("/api/v1/rebuilds").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("size"));
        Api.as(Tokens.viewer()).queryParam("page", "x").get("/api/v1/rebuilds").then().statusCode(400)
                .body("field", equalTo("page"));
    }

    @Test
    void secondTriggerWhileTheLockIsHeldAnswers409AtOnce() throws Exception {
        // Another replica's session holds the rebuild lock, as a running rebuild would.
        Api.awaitIdle();
        try (Connection other = Api.database()) {
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(hashtext(current_database()), "
                    + "hashtext('kfm-rebuild:' || 'kfm_index'))")) {
                ps.execute();
            }
            long start = System.nanoTime();
            Api.trigger("{}").statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://kfm.example/problems/lock-held"))
                    .body("rule", equalTo("lock-held")).body("title", equalTo("Rebuild lock held"))
                    .body("detail", containsString("another run holds the rebuild lock"))
                    .body("instance", equalTo("/api/v1/rebuilds"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000, "refused at once");
        }
        assertTrue(Integer.parseInt(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE action = "
                + "'rebuild.start' AND outcome = 'refused:lock-held'")) >= 1);
        String metrics = Api.as(null).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(ScheduleIT.metric("kfm_rebuild_lock_refusals_total") >= 1, metrics);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        Api.trigger("{\"allowShrink\": 1.5}").statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("allowShrink")).body("rule", equalTo("invalid-field"))
                .body("type", equalTo("https://kfm.example/problems/invalid-field"))
                .body("detail", containsString("between 0 and 1"));
        Api.trigger("{\"allowShrink\": \"lots\"}").statusCode(400).body("field", equalTo("allowShrink"));
        Api.trigger("{\"forse\": true}").statusCode(400).body("field", equalTo("forse"));
        Api.trigger("{\"force\": tru").statusCode(400).contentType("application/problem+json")
                .body("rule", equalTo("malformed-json")).body("detail", containsString("line 1"));
        Api.trigger("{\"catalog\": \"/etc/catalog.json\"}").statusCode(400).body("field", equalTo("catalog"))
                .body("rule", equalTo("catalog-not-allowed"));
        String allowed = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kfm.api.allowed-catalog-prefixes", String.class);
        Api.trigger("{\"catalog\": \"" + allowed + "/../etc/catalog.json\"}").statusCode(400)
                .body("rule", equalTo("catalog-not-allowed"));
        Api.trigger("{\"catalog\": \"file://" + allowed + "/%2e%2e/etc/catalog.json\"}").statusCode(400)
                .body("field", equalTo("catalog"));
        Api.trigger("{\"catalog\": \"" + allowed + "-sibling/catalog.json\"}").statusCode(400)
                .body("rule", equalTo("catalog-not-allowed"));
        assertTrue(Integer.parseInt(Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE action = "
                + "'rebuild.start' AND outcome = 'refused:catalog-not-allowed'")) >= 3);
    }

    @Test
    void unknownRunsAndPathsAreProblems() {
        String unknown = java.util.UUID.randomUUID().toString();
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + unknown).then().statusCode(404)
                .contentType("application/problem+json").body("rule", equalTo("run-not-found"))
                .body("type", equalTo("https://kfm.example/problems/run-not-found"));
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/not-a-uuid").then().statusCode(400).body("field", equalTo("id"));
        Api.as(Tokens.operator()).post("/api/v1/rebuilds/" + unknown + "/cancel").then().statusCode(404);
        Api.as(Tokens.viewer()).get("/api/v1/rebuilds/" + unknown + "/cancel").then().statusCode(405)
                .contentType("application/problem+json");
        Api.as(Tokens.viewer()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void auditRowsNameThePrincipalActionArgumentsAndOutcome() throws Exception {
        String id = Api.rebuildNow().get("id").toString();
        try (Connection c = Api.database(); PreparedStatement ps = c.prepareStatement("SELECT principal, action, "
                + "arguments->>'force', outcome, at FROM kfm_ops.audit_event WHERE run_id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(List.of("otto", "rebuild.start", "true", "accepted"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                assertNotNull(rs.getTimestamp(5));
            }
        }
    }
}
