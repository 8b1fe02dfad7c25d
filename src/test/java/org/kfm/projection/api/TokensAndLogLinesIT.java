package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Issue 10 item 6: tokens from the future are refused; token values cannot forge log lines. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokensAndLogLinesIT {

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Api.as(Tokens.issuedIn(24 * 3600)).get("/api/v1/projection").then().statusCode(401)
                .contentType("application/problem+json").body("type",
                        equalTo("https://kfm.example/problems/unauthorized"));
        Api.as(Tokens.issuedIn(300)).get("/api/v1/projection").then().statusCode(401);
        // within the clock skew (mp.jwt.verify.clock.skew, 60 s): another clock a little ahead is fine
        Api.as(Tokens.issuedIn(20)).get("/api/v1/projection").then().statusCode(200);
    }

    @Test
    void aNewlineInTheUpnCannotForgeALogLine() {
        String upn = "mallory\n2026-12-02 17:00:00,000 INFO  [org.kfm.projection.audit] audit: principal=admin";
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger audit = Logger.getLogger("org.kfm.projection.audit");
        audit.addHandler(capture);
        try {
            Api.as(Tokens.operatorNamed(upn)).contentType(ContentType.JSON).body("{\"force\": 1}")
                    .post("/api/v1/rebuilds").then().statusCode(400);
        } finally {
            audit.removeHandler(capture);
        }
        String line = lines.stream().filter(l -> l.contains("mallory")).findFirst().orElseThrow(
                () -> new AssertionError("no audit line for mallory in " + lines));
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.contains("principal=mallory\\n2026-12-02"), line);
        // the audit row keeps the principal as the token said it (a bound value, not a line of text)
        assertEquals("1", Api.queryOne("SELECT count(*) FROM kfm_ops.audit_event WHERE principal = "
                + "'mallory' || chr(10) || '2026-12-02 17:00:00,000 INFO  [org.kfm.projection.audit] audit: "
                + "principal=admin'"));
    }
}
