package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 7: audit rows of rollback and validate carry their own run id; a request refused
 * because the lock is held records the refused attempt's run and, separately, the holder's; the
 * refusal reads the same on every endpoint.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuditNamesRunsIT {
    private static final String LOCK = "hashtext(current_database()), hashtext('kfm-rebuild:kfm_index')";

    @Test
    void rollbackAndValidateAuditTheirOwnRun() {
        Api.rebuildNow();
        Api.rebuildNow();
        String rollback = Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(200)
                .body("runId", notNullValue()).body("rollback.action", equalTo("rollback")).extract().path("runId");
        assertEquals("rollback", Api.queryOne("SELECT kind FROM kfm_ops.rebuild_run WHERE run_id = '" + rollback
                + "'"));
        assertEquals(rollback, Api.queryOne("SELECT run_id FROM kfm_ops.audit_event WHERE action = "
                + "'projection.rollback' AND outcome = 'succeeded' ORDER BY audit_id DESC LIMIT 1"));
        Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(200);

        String validate = Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/projection/validate").then().statusCode(200).body("passed", equalTo(true))
                .extract().path("runId");
        assertEquals("validate", Api.queryOne("SELECT kind FROM kfm_ops.rebuild_run WHERE run_id = '" + validate
                + "'"));
        assertEquals(validate, Api.queryOne("SELECT run_id FROM kfm_ops.audit_event WHERE action = "
                + "'projection.validate' AND outcome = 'succeeded' ORDER BY audit_id DESC LIMIT 1"));
    }

    @Test
    void aRefusalRecordsTheAttemptAndTheHolderTheSameWayEverywhere() throws Exception {
        Api.awaitIdle();
        UUID holder = UUID.randomUUID();
        try (Connection c = Api.database(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            s.execute("INSERT INTO kfm_ops.rebuild_run (run_id, kind, projection, state, triggered_by, trigger, host, "
                    + "pid, started_at) VALUES ('" + holder + "', 'rebuild', 'kfm_index', 'LOADING', 'holder', "
                    + "'cli', 'elsewhere', 1, now())");
            try {
                String start = Api.trigger("{\"force\": true}").statusCode(409).contentType("application/problem+json")
                        .body("rule", equalTo("lock-held")).body("runId", equalTo(holder.toString()))
                        .body("detail", startsWith("another run holds the rebuild lock of projection kfm_index"))
                        .extract().path("detail");
                String rollback = Api.as(Tokens.operator()).post("/api/v1/projection/rollback").then().statusCode(409)
                        .contentType("application/problem+json").body("rule", equalTo("lock-held"))
                        .body("runId", equalTo(holder.toString())).extract().path("detail");
                assertEquals(start.substring(0, start.indexOf('(')), rollback.substring(0, rollback.indexOf('(')));
            } finally {
                s.execute("UPDATE kfm_ops.rebuild_run SET finished_at = now(), state = 'FAILED', outcome = 'FAILED' "
                        + "WHERE run_id = '" + holder + "'");
                s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
        }
        for (String action : new String[] {"rebuild.start", "projection.rollback"}) {
            String row = Api.queryOne("SELECT a.outcome || ' ' || r.kind || ' ' || r.error_rule || ' ' "
                    + "|| a.holder_run_id FROM kfm_ops.audit_event a JOIN kfm_ops.rebuild_run r ON r.run_id = a.run_id "
                    + "WHERE a.action = '" + action + "' AND a.outcome = 'refused:lock-held' ORDER BY a.audit_id DESC "
                    + "LIMIT 1");
            String kind = action.equals("rebuild.start") ? "rebuild" : "rollback";
            assertEquals("refused:lock-held " + kind + " lock-held " + holder, row, action);
        }
    }
}
