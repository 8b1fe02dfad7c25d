package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.run.RebuildLock;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code kfm-projection rebuild} as the packaged application runs it: exit 0 with the summary on
 * stdout, 3 at once while another session holds the rebuild lock, 4 on a parity failure, 5 on a bad
 * input artifact, 6 over the shadow's disk budget (a dry run prints the verdict); on failure the rule is on stderr, stdout stays empty and live is untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildExitCodesIT {
    private static final String PROJECTION = "it_cli";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static KfmProcess kfm;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, PROJECTION).build();
        kfm = new KfmProcess(db, PROJECTION, dir);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    @Order(1)
    void exitsZeroAndPrintsTheSummary() {
        Path catalog = TestCatalogs.copySample(dir.resolve("sample"));

        KfmProcess.Result r = kfm.run(120, "rebuild", "--catalog", catalog.toString());

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("generation 1 is live (33 rows, parity passed"), r.toString());
        assertTrue(r.stdout().contains("parity: passed"), r.toString());
        assertEquals(1L, fx.liveGeneration());
    }

    @Test
    @Order(2)
    void exitsThreeAtOnceWhileTheLockIsHeld() {
        Snapshot before = fx.liveSnapshot();
        KfmProcess.Result r;
        try (RebuildLock held = RebuildLock.acquire(fx.dataSource(), PROJECTION)) {
            r = kfm.run(120, "rebuild", "--force", "--catalog", dir.resolve("sample/catalog.json").toString());
        }

        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.stderr().contains("(rule lock-held, exit code 3)"), r.toString());
        assertTrue(r.stderr().contains("held by pid "), r.toString());
        assertEquals("", r.stdout());
        assertEquals(before, fx.liveSnapshot());
    }

    @Test
    @Order(3)
    void exitsFourOnAParityFailure() {
        Snapshot before = fx.liveSnapshot();
        Path catalog = TestCatalogs.copySample(dir.resolve("shrunk"));
        TestCatalogs.removeItem(dir.resolve("shrunk").resolve(TestCatalogs.COLLECTION), "kansas-landmarks.json");

        KfmProcess.Result r = kfm.run(120, "rebuild", "--catalog", catalog.toString());

        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.stderr().contains("(rule parity-failed, exit code 4)"), r.toString());
        assertTrue(r.stderr().contains("FAIL shrink"), r.toString());
        assertEquals("", r.stdout());
        assertEquals(before, fx.liveSnapshot());
    }

    @Test
    @Order(4)
    void exitsFiveOnABadInputArtifact() {
        Snapshot before = fx.liveSnapshot();
        Path catalog = TestCatalogs.copySample(dir.resolve("bad"));
        TestCatalogs.editAsset(dir.resolve("bad").resolve(TestCatalogs.RIVERS), "data",
                s -> s.replace("\"coordinates\":[[-102.042,38.049]", "\"coordinates\":[[-102.042,\"x\"]"));
        TestCatalogs.editProperties(dir.resolve("bad").resolve(TestCatalogs.RIVERS),
                p -> p.put("kfm:dataset_version_id", "kansas-rivers-20250901"));

        KfmProcess.Result r = kfm.run(120, "rebuild", "--catalog", catalog.toString());

        assertEquals(5, r.exit(), r.toString());
        assertTrue(r.stderr().contains("exit code 5)"), r.toString());
        assertTrue(r.stderr().contains("rivers.geojsons"), r.toString());
        assertEquals("", r.stdout());
        assertEquals(before, fx.liveSnapshot());
    }

    @Test
    @Order(5)
    void exitsSixOverTheShadowBudgetAndADryRunSaysSo() {
        Snapshot before = fx.liveSnapshot();
        KfmProcess tight = new KfmProcess(db, PROJECTION, dir).env("KFM_LOAD_MAX_SHADOW_BYTES", "10KB");
        String catalog = dir.resolve("sample/catalog.json").toString();

        KfmProcess.Result dry = tight.run(120, "rebuild", "--force", "--dry-run", "--catalog", catalog);
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.stdout().contains("shadow estimate 18.0 KiB from 11.2 KiB of artifacts; budget 9.8 KiB: over "
                + "budget, refused (shadow-over-budget)"), dry.toString());

        KfmProcess.Result r = tight.run(120, "rebuild", "--force", "--prune-before-load", "--catalog", catalog);
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.stderr().contains("(rule shadow-over-budget, exit code 6)"), r.toString());
        assertTrue(r.stderr().contains("budget kfm.load.max-shadow-bytes 9.8 KiB (10,000 bytes)"), r.toString());
        assertEquals("", r.stdout());
        assertEquals(before, fx.liveSnapshot());
    }
}
