package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.run.RebuildLock;
import org.kfm.projection.run.RebuildResult;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * An incremental rebuild killed with SIGKILL while it carries unchanged versions from live leaves
 * live exactly as it was: the carry only reads live, and writes only the shadow. The next rebuild
 * marks the dead run ABANDONED, drops its partial shadow and carries again.
 */
class KilledIncrementalRebuildLeavesLiveUntouchedIT {
    private static final String PROJECTION = "it_inc_crash";
    /** Eight versions of 50,000: carrying seven of them one at a time takes seconds here. */
    private static final int FEATURES = 400_000;
    private static final int VERSIONS = 8;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    static Path dir;

    @Test
    void aKilledCarryLeavesLiveAsItWasAndTheNextRebuildCarriesAgain() throws Exception {
        try (RebuildFixture fx = RebuildFixture.builder(db, PROJECTION).build()) {
            assertEquals(1L, fx.rebuild(TestCatalogs.generate(dir.resolve("live"), FEATURES, 11, VERSIONS))
                    .generation());
            Path next = TestCatalogs.generate(dir.resolve("next"), FEATURES, 11, VERSIONS);
            TestCatalogs.editAsset(next.getParent().resolve("synthetic/synthetic-1/synthetic-1.json"), "data",
                    s -> s.replaceFirst("\"name\":\"Synth", "\"name\":\"Corrected synth"));
            Snapshot live = fx.liveSnapshot();

            KfmProcess.Started child = new KfmProcess(db, PROJECTION, dir).jvm("-Dkfm.load.parallelism=1")
                    .start("rebuild", "--catalog", next.toString());
            UUID runId;
            try {
                child.awaitCondition(() -> child.process().isAlive() && carrying(fx), 120);
                runId = UUID.fromString(fx.one("SELECT run_id FROM kfm_ops.rebuild_run WHERE state = 'LOADING'"));
                assertTrue(child.process().isAlive(), "the run ended before the kill:\n" + child.stderrText());
            } finally {
                child.process().destroyForcibly();
            }
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.process().exitValue(), "killed by SIGKILL");

            assertEquals(live, fx.liveSnapshot(), "live byte-identical: digests, rows, every column");
            assertEquals(1L, fx.liveGeneration());
            assertTrue(fx.exists(fx.shadow()), "the partial shadow is left for the next run");
            child.awaitCondition(() -> !RebuildLock.isHeld(fx.dataSource(), PROJECTION), 30);

            RebuildResult again = fx.rebuild(RebuildFixture.request(next));

            assertEquals(RunOutcome.SUCCEEDED, again.outcome(), again.summary());
            assertEquals(2L, again.generation());
            assertEquals(VERSIONS - 1, again.receipt().at("/carry/versions").size(), again.receipt().toString());
            assertEquals("ABANDONED", fx.run(runId).get("outcome").asText());
            assertEquals(String.valueOf(FEATURES), fx.one("SELECT count(*) FROM it_inc_crash.feature_geom"));
            assertFalse(fx.exists(fx.shadow()));
        }
    }

    /** The child is LOADING and has committed carried rows into the shadow, and is not done carrying. */
    private static boolean carrying(RebuildFixture fx) {
        JsonNode progress = fx.readJson(String.valueOf(fx.one("SELECT progress FROM kfm_ops.rebuild_run "
                + "WHERE state = 'LOADING'")));
        return progress != null && "carry".equals(progress.path("step").asText())
                && progress.path("carriedVersions").asInt() >= 1
                && progress.path("carriedVersions").asInt() < progress.path("versionsToCarry").asInt();
    }
}
