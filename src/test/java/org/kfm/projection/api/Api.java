package org.kfm.projection.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Small helpers the service tests share: authorized requests, polling a run, SQL on the service's database. */
final class Api {
    private Api() {
    }

    static RequestSpecification as(String token) {
        RequestSpecification r = given();
        return token == null ? r : r.auth().oauth2(token);
    }

    /** POST /api/v1/rebuilds as the operator; returns the response for assertions. */
    static ValidatableResponse trigger(String body) {
        return as(Tokens.operator()).contentType(ContentType.JSON).body(body).post("/api/v1/rebuilds").then();
    }

    /**
     * POST /api/v1/rebuilds, waiting (up to a minute) for a rebuild another test started to end
     * first; returns the 202 response.
     */
    static ValidatableResponse start(String body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ValidatableResponse r = trigger(body);
            int status = r.extract().statusCode();
            if (status != 409 || System.nanoTime() > deadline) {
                return r.statusCode(202);
            }
            sleep(200);
        }
    }

    /** Waits until no rebuild holds the lock (the projection shows none running). */
    static void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Boolean.TRUE.equals(as(Tokens.viewer()).get("/api/v1/projection").then().statusCode(200).extract()
                .path("rebuildRunning"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a rebuild is still running after a minute");
            }
            sleep(200);
        }
    }

    /** Polls GET /api/v1/rebuilds/{id} until the run has ended; returns the final body. */
    static Map<String, Object> awaitEnd(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> run = as(Tokens.viewer()).get("/api/v1/rebuilds/" + id).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            if (!Boolean.TRUE.equals(run.get("running"))) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rebuild " + id + " still running after " + timeout + ": " + run);
            }
            sleep(200);
        }
    }

    /** Starts a forced rebuild of the configured catalog and waits for it; returns the final run. */
    static Map<String, Object> rebuildNow() {
        String id = start("{\"force\": true}").extract().path("id");
        return awaitEnd(id, Duration.ofSeconds(60));
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url",
                String.class));
    }

    static String queryOne(String sql) {
        try (Connection c = database(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
