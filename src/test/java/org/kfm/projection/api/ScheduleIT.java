package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.AcceptedRebuild;
import org.kfm.projection.run.Cancellation;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RunObserver;
import org.kfm.projection.service.ScheduledRebuilds;

/** Scheduled ticks skip an unchanged catalog and a held lock; two rebuilds never run at once. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ScheduleIT {
    @Inject
    ScheduledRebuilds schedule;

    @Inject
    RebuildOrchestrator orchestrator;

    @Test
    void tickOnAnUnchangedCatalogEndsSkippedAndIsCounted() {
        Api.rebuildNow();
        double before = metric("kfm_schedule_skips_total{reason=\"unchanged\"}");
        Optional<UUID> id = schedule.tick();
        assertTrue(id.isPresent());
        var run = Api.awaitEnd(id.get().toString(), Duration.ofSeconds(30));
        assertEquals("SKIPPED", run.get("outcome"));
        assertEquals("schedule", run.get("trigger"));
        assertEquals(before + 1, metric("kfm_schedule_skips_total{reason=\"unchanged\"}"));
    }

    @Test
    void tickWhileAnotherReplicaHoldsTheLockIsSkippedWithoutARun() throws Exception {
        Api.awaitIdle();
        double before = metric("kfm_schedule_skips_total{reason=\"lock-held\"}");
        String runs = Api.queryOne("SELECT count(*) FROM kfm_ops.rebuild_run");
        try (Connection other = Api.database(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext(current_database()), hashtext('kfm-rebuild:kfm_index'))");
            assertTrue(schedule.tick().isEmpty());
        }
        assertEquals(before + 1, metric("kfm_schedule_skips_total{reason=\"lock-held\"}"));
        assertEquals(runs, Api.queryOne("SELECT count(*) FROM kfm_ops.rebuild_run"), "no run recorded");
    }

    @Test
    void twoOrchestratorCallsNeverRunTwoRebuilds() {
        Api.awaitIdle();
        Trigger replica = new Trigger("replica-test", "test");
        AcceptedRebuild first = orchestrator.accept(RebuildRequest.defaults(replica), RunObserver.NONE);
        try {
            KfmException refused = assertThrows(KfmException.class,
                    () -> orchestrator.accept(RebuildRequest.defaults(replica), RunObserver.NONE));
            assertEquals(ErrorCode.LOCK_HELD, refused.code());
        } finally {
            orchestrator.discard(first, Cancellation.request("test: only the lock was wanted"));
        }
        assertEquals("CANCELLED cancelled", Api.queryOne("SELECT outcome || ' ' || error_rule FROM kfm_ops.rebuild_run "
                + "WHERE run_id = '" + first.runId() + "'"));
    }

    static double metric(String series) {
        String text = Api.as(null).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in /q/metrics");
    }
}
