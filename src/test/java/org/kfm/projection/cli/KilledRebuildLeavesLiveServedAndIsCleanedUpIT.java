package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.run.RebuildLock;
import org.kfm.projection.run.RebuildResult;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A rebuild process killed with SIGKILL in the middle of its load leaves live exactly as it was and
 * still served; its run stays open in {@code rebuild_run}, its partial shadow stays, and the server
 * frees its lock. The next rebuild marks the dead run ABANDONED, drops the leftover shadow (and says
 * so in its events) and succeeds.
 */
class KilledRebuildLeavesLiveServedAndIsCleanedUpIT {
    private static final String PROJECTION = "it_crash";
    /** Big enough that loading takes seconds here; eight dataset versions commit one after another. */
    private static final int FEATURES = 400_000;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path small;
    private static Path big;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, PROJECTION).build();
        small = TestCatalogs.copySample(dir.resolve("small"));
        assertEquals(1L, fx.rebuild(small).generation());
        big = TestCatalogs.generate(dir.resolve("big"), FEATURES, 11, 8);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aKilledLoadLeavesLiveAsItWasAndTheNextRebuildCleansUp() throws Exception {
        Snapshot live = fx.liveSnapshot();
        KfmProcess.Started child = new KfmProcess(db, PROJECTION, dir).jvm("-Dkfm.load.parallelism=1")
                .start("rebuild", "--catalog", big.toString());
        UUID runId;
        try {
            child.awaitCondition(() -> child.process().isAlive() && loadingWithCommittedRows(), 120);
            runId = UUID.fromString(fx.one("SELECT run_id FROM kfm_ops.rebuild_run WHERE state = 'LOADING'"));
            KfmException refused = fx.rebuildFails(RebuildFixture.forced(small));
            assertEquals(ErrorCode.LOCK_HELD, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("application 'kfm-projection run "), refused.getMessage());
            assertTrue(child.process().isAlive(), "the load ended before the kill:\n" + child.stderrText());
        } finally {
            child.process().destroyForcibly();
        }
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.process().exitValue(), "killed by SIGKILL");

        assertEquals(live, fx.liveSnapshot(), "live byte-identical: digests, rows, every column");
        assertEquals(1L, fx.liveGeneration());
        assertEquals("33", fx.one("SELECT count(*) FROM it_crash.kfm_features_in_bbox(-180, -90, 180, 90)"),
                "live still served");
        JsonNode open = fx.run(runId);
        assertEquals("LOADING", open.get("state").asText(), "the dead run stays open until the next rebuild");
        assertTrue(open.get("finished_at").isNull() && open.get("outcome").isNull(), open.toString());
        assertTrue(fx.exists(fx.shadow()), "the partial shadow is left for the next run");
        child.awaitCondition(() -> !RebuildLock.isHeld(fx.dataSource(), PROJECTION)
                && noSessionsOf("kfm-projection"), 30);

        RebuildResult next = fx.rebuild(RebuildFixture.forced(small));

        assertEquals(RunOutcome.SUCCEEDED, next.outcome(), next.summary());
        assertEquals(2L, next.generation());
        JsonNode abandoned = fx.run(runId);
        assertEquals("ABANDONED", abandoned.get("outcome").asText(), abandoned.toString());
        assertEquals("ABANDONED", abandoned.get("state").asText());
        assertFalse(abandoned.get("finished_at").isNull());
        assertTrue(abandoned.get("error_message").asText().contains(next.runId().toString()), abandoned.toString());
        List<String> deadEvents = fx.events(runId);
        assertTrue(deadEvents.get(deadEvents.size() - 1).startsWith("ABANDONED: "), deadEvents.toString());
        assertTrue(fx.events(next.runId()).contains("PREPARING: dropped leftover shadow it_crash_shadow"),
                fx.events(next.runId()).toString());
        assertEquals(live, fx.liveSnapshot(), "the same small catalog again");
        assertFalse(fx.exists(fx.shadow()));
    }

    /** The run is LOADING and at least one dataset version's rows are committed in the shadow. */
    private static boolean loadingWithCommittedRows() {
        if (fx.one("SELECT run_id FROM kfm_ops.rebuild_run WHERE state = 'LOADING'") == null) {
            return false;
        }
        // LOADING is recorded after the shadow was migrated, so its table exists
        return Long.parseLong(fx.one("SELECT count(*) FROM it_crash_shadow.feature_geom")) > 0;
    }

    private static boolean noSessionsOf(String application) {
        return "0".equals(fx.one("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = '" + application + "'"));
    }
}
