package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.migrate.Migrations;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRuns;

/**
 * A runtime failure that is not one of ours (a bug, here injected through the {@link RunHook} in
 * the middle of the run) still ends every kind of run with an outcome: FAILED, rule
 * {@code unexpected}, the cause in the receipt, never a run left open for a later one to mark
 * ABANDONED. An {@link Error} is recorded the same way before it goes on up.
 */
class EveryKindOfRunEndsWithAnOutcomeIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path catalog;

    @TempDir
    static Path dir;

    @BeforeAll
    static void twoGenerations() {
        fx = RebuildFixture.builder(db, "it_faults").build();
        catalog = TestCatalogs.copySample(dir);
        fx.rebuild(catalog);
        fx.rebuild(RebuildFixture.forced(catalog));
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    /** Throws in {@code state}, of any kind. */
    private static RunHook faultIn(String state, Function<String, Throwable> fault) {
        return (runId, kind, entered) -> {
            if (entered.equals(state)) {
                Throwable t = fault.apply(kind.dbValue() + " fault injected in " + state);
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) t;
            }
        };
    }

    private static RunHook runtimeFaultIn(String state) {
        return faultIn(state, IllegalStateException::new);
    }

    @Test
    void aRebuildThatHitsARuntimeFailureInTheLoadEndsFailed() {
        RebuildOrchestrator o = new RebuildOrchestrator(fx.services(), SwapListener.NONE, runtimeFaultIn("LOADING"));
        KfmException e = assertThrows(KfmException.class, () -> o.rebuild(RebuildFixture.forced(catalog),
                RunObserver.NONE));
        assertEndedFailed(e, RunKind.REBUILD, "LOADING");
        assertTrue(e.getMessage().contains("shadow kept as it_faults_shadow"), e.getMessage());
        assertEquals(2L, fx.liveGeneration());
    }

    @Test
    void aRollbackThatHitsARuntimeFailureEndsFailed() {
        ProjectionOperations ops = new ProjectionOperations(fx.services(), runtimeFaultIn("SWAPPING"));
        KfmException e = assertThrows(KfmException.class, () -> ops.rollback(RebuildFixture.TRIGGER));
        assertEndedFailed(e, RunKind.ROLLBACK, "SWAPPING");
        assertTrue(e.getMessage().endsWith("Live projection untouched."), e.getMessage());
        assertEquals(2L, fx.liveGeneration());
    }

    @Test
    void aPruneThatHitsAnErrorEndsFailedAndTheErrorGoesOn() {
        ProjectionOperations ops = new ProjectionOperations(fx.services(), faultIn("PRUNING", AssertionError::new));
        AssertionError e = assertThrows(AssertionError.class, () -> ops.prune(RebuildFixture.TRIGGER));
        JsonNode run = lastRun(RunKind.PRUNE);
        assertRun(run, "PRUNING");
        assertTrue(run.at("/receipt/error/message").asText().contains(e.getMessage()), run.toString());
        assertTrue(fx.exists(fx.previous()), "nothing was pruned");
    }

    @Test
    void aValidationThatHitsARuntimeFailureEndsFailed() {
        ProjectionOperations ops = new ProjectionOperations(fx.services(), runtimeFaultIn("VALIDATING"));
        KfmException e = assertThrows(KfmException.class, () -> ops.validate(Optional.empty(),
                Optional.of(catalog.toString()), RebuildFixture.TRIGGER));
        assertEndedFailed(e, RunKind.VALIDATE, "VALIDATING");
    }

    @Test
    void aMigrationThatHitsARuntimeFailureEndsFailed() {
        KfmException e = assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(),
                "filesystem:" + Migrations.real(), runtimeFaultIn("MIGRATING")).migrate(PgIdentifier.of("faulty"),
                        null, TestRuns.TRIGGER));
        assertEndedFailed(e, RunKind.MIGRATE, "MIGRATING");
    }

    @Test
    void aSmokeTestThatHitsARuntimeFailureEndsFailed() {
        KfmException e = assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(),
                "filesystem:" + Migrations.real(), runtimeFaultIn("MIGRATING")).smoke(
                        PgIdentifier.of("kfm_smoke_faulty"), TestRuns.packagedN1Rows(), TestRuns.TRIGGER));
        assertEndedFailed(e, RunKind.SMOKE, "MIGRATING");
    }

    private static void assertEndedFailed(KfmException e, RunKind kind, String state) {
        assertEquals("unexpected", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalStateException: " + kind.dbValue() + " fault injected in " + state),
                e.getMessage());
        assertRun(lastRun(kind), state);
    }

    private static void assertRun(JsonNode run, String state) {
        assertEquals("FAILED", run.get("outcome").asText(), run.toString());
        assertEquals("FAILED", run.get("state").asText());
        assertEquals("unexpected", run.get("error_rule").asText());
        assertFalse(run.get("finished_at").isNull());
        JsonNode receipt = run.get("receipt");
        assertEquals(List.of(), ReceiptSchema.violations(receipt), receipt.toPrettyString());
        assertTrue(receipt.get("summary").asText().startsWith("failed in " + state), receipt.toString());
        List<String> events = fx.events(UUID.fromString(run.get("run_id").asText()));
        assertTrue(events.stream().anyMatch(m -> m.startsWith("FAILED: ")), events.toString());
    }

    private static JsonNode lastRun(RunKind kind) {
        // migrate and smoke runs are recorded under the default projection name
        String row = fx.one("SELECT row_to_json(r)::text FROM kfm_ops.rebuild_run r WHERE kind = '" + kind.dbValue()
                + "' ORDER BY started_at DESC LIMIT 1");
        return fx.readJson(row);
    }
}
