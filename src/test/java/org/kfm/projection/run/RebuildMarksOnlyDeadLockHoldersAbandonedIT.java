package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A rebuild that holds the lock knows that every other open run of a kind that takes the lock
 * (rebuild, rollback, prune) belongs to a dead process, and marks it ABANDONED. Runs that never take
 * the lock (migrate, smoke, validate) may be alive in another process: they are left open.
 */
class RebuildMarksOnlyDeadLockHoldersAbandonedIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_abandon").build();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void openRunsOfLockingKindsAreAbandonedAndOthersLeftOpen() {
        Path catalog = TestCatalogs.copySample(dir);
        fx.rebuild(catalog);
        OpsStore ops = fx.services().ops();
        UUID deadRebuild = open(ops, RunKind.REBUILD, "LOADING");
        UUID deadRollback = open(ops, RunKind.ROLLBACK, "LOCKED");
        UUID runningMigrate = open(ops, RunKind.MIGRATE, "MIGRATING");
        UUID runningValidate = open(ops, RunKind.VALIDATE, "REQUESTED");

        RebuildResult r = fx.rebuild(RebuildFixture.forced(catalog));

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        for (UUID dead : new UUID[] {deadRebuild, deadRollback}) {
            JsonNode run = fx.run(dead);
            assertEquals("ABANDONED", run.get("outcome").asText(), run.toString());
            assertTrue(run.get("error_message").asText().contains(r.runId().toString()), run.toString());
        }
        JsonNode migrate = fx.run(runningMigrate);
        assertEquals("MIGRATING", migrate.get("state").asText(), migrate.toString());
        assertTrue(migrate.get("outcome").isNull() && migrate.get("finished_at").isNull(), migrate.toString());
        JsonNode validate = fx.run(runningValidate);
        assertEquals("REQUESTED", validate.get("state").asText(), validate.toString());
        assertTrue(validate.get("outcome").isNull(), validate.toString());
        assertEquals(0, fx.events(runningMigrate).stream().filter(e -> e.startsWith("ABANDONED")).count());
    }

    /**
     * A rebuild's row is written in REQUESTED before it tries the lock, so that a refusal is
     * recorded; at that moment it is alive though it holds no lock. (CI once saw a refused second
     * rebuild marked ABANDONED by the first.) Only a REQUESTED run older than the grace is dead.
     */
    @Test
    void aJustRequestedRunIsLeftToTryTheLockAndAnOldOneIsAbandoned(@TempDir Path own) {
        Path catalog = TestCatalogs.copySample(own);
        fx.rebuild(RebuildFixture.forced(catalog));
        OpsStore ops = fx.services().ops();
        UUID justRequested = open(ops, RunKind.REBUILD, "REQUESTED");
        UUID longRequested = ops.startRun(UUID.randomUUID(), RunKind.REBUILD, "it_abandon", RebuildFixture.TRIGGER,
                null, ops.now().minus(Duration.ofMinutes(10)));

        RebuildResult r = fx.rebuild(RebuildFixture.forced(catalog));

        assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
        JsonNode fresh = fx.run(justRequested);
        assertEquals("REQUESTED", fresh.get("state").asText(), fresh.toString());
        assertTrue(fresh.get("finished_at").isNull(), fresh.toString());
        assertEquals("ABANDONED", fx.run(longRequested).get("outcome").asText());
    }

    private static UUID open(OpsStore ops, RunKind kind, String state) {
        UUID id = ops.startRun(kind, "it_abandon", RebuildFixture.TRIGGER, null);
        if (!"REQUESTED".equals(state)) {
            ops.transition(id, state, "working", null);
        }
        return id;
    }
}
