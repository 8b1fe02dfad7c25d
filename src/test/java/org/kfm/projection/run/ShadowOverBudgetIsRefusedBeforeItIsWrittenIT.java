package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.settings.ByteSize;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * The disk preflight with a configured budget ({@code kfm.load.max-shadow-bytes}): a shadow
 * estimated over it is refused before anything is written, naming the estimate, the budget, the
 * previous generation and the remedies; {@code --prune-before-load} counts the previous generation
 * and drops it first; a budget at the estimate passes; the receipt carries the estimate either way.
 */
class ShadowOverBudgetIsRefusedBeforeItIsWrittenIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    static Path dir;
    private static Path catalog;
    /** The sample catalog's estimate, as a run without a budget records it. */
    private static long estimate;

    private RebuildFixture fx;

    @BeforeAll
    static void measureTheEstimate() {
        catalog = TestCatalogs.copySample(dir.resolve("sample"));
        try (RebuildFixture probe = RebuildFixture.builder(db, "it_budget_probe").build()) {
            RebuildResult dry = probe.rebuild(RebuildFixture.request(catalog).withPruneBeforeLoad(false));
            JsonNode b = dry.receipt().get("shadowBudget");
            estimate = b.get("estimateBytes").asLong();
            assertTrue(estimate > 0, b.toString());
            long sum = 0;
            for (JsonNode v : b.get("datasetVersions")) {
                long artifacts = v.get("artifactBytes").asLong();
                // the sample's townships are FlatGeobuf (x 2.0), the others GeoJSON or GeoJSON sequences (x 1.5)
                long expected = v.get("datasetVersionId").asText().startsWith("kansas-townships") ? 2 * artifacts
                        : (long) Math.ceil(artifacts * 1.5);
                assertEquals(expected, v.get("estimateBytes").asLong(), v.toString());
                sum += expected;
            }
            assertEquals(sum, estimate);
            assertTrue(b.get("budgetBytes").isNull(), "no budget configured: " + b);
            assertTrue(b.get("fits").asBoolean());
            assertTrue(b.get("measuredBytes").asLong() > 0, "the loaded shadow's size is recorded: " + b);
            assertEquals(List.of(), ReceiptSchema.violations(dry.receipt()));
        }
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Two generations of {@code projection} without a budget: live 2, previous 1. */
    private static void twoGenerations(String projection) {
        try (RebuildFixture free = RebuildFixture.builder(db, projection).build()) {
            free.rebuild(catalog);
            assertEquals(2L, free.rebuild(RebuildFixture.forced(catalog)).generation());
        }
    }

    @Test
    void aShadowOverTheBudgetIsRefusedNamingEstimateBudgetPreviousAndRemedies() {
        twoGenerations("it_budget_refused");
        fx = RebuildFixture.builder(db, "it_budget_refused").maxShadowBytes(estimate - 1).build();
        RebuildFixture.Snapshot before = fx.liveSnapshot();
        KfmException e = fx.rebuildFails(RebuildFixture.forced(catalog));
        JsonNode run = fx.assertLiveUntouched(e, before, 2L, ErrorCode.INSUFFICIENT_SPACE, "shadow-over-budget", false);
        assertEquals(6, run.at("/receipt/error/exitCode").asInt());
        String m = e.getMessage();
        assertTrue(m.startsWith("the shadow would not fit its disk budget: estimated " + ByteSize.show(estimate)
                + " for 4 dataset version(s) ["), m);
        assertTrue(m.contains("budget kfm.load.max-shadow-bytes " + ByteSize.show(estimate - 1) + ", over by 1 B;"), m);
        assertTrue(m.contains("the previous generation " + fx.previous() + " takes "), m);
        assertTrue(m.contains("run kfm-projection prune") && m.contains("--prune-before-load (the same, at the start "
                + "of the rebuild; it would fit)") && m.contains("raise kfm.load.max-shadow-bytes"), m);
        assertTrue(m.contains("Nothing was written"), m);
        assertTrue(fx.exists(fx.previous()), "the previous generation stays");
        assertFalse(fx.exists(fx.shadow()), "no shadow was created");
        JsonNode budget = run.at("/receipt/shadowBudget");
        assertFalse(budget.get("fits").asBoolean(), budget.toString());
        assertEquals(estimate - 1, budget.get("budgetBytes").asLong());
        assertEquals(4, budget.get("datasetVersions").size());
        assertTrue(budget.get("previousBytes").asLong() > 0, budget.toString());
        assertEquals(List.of(), ReceiptSchema.violations(run.get("receipt")));
        assertTrue(fx.events(run.get("run_id") == null ? null : java.util.UUID.fromString(run.get("run_id").asText()))
                .stream().noneMatch(ev -> ev.startsWith("MIGRATING")), "it stopped before MIGRATING");
    }

    @Test
    void pruneBeforeLoadCountsThePreviousGenerationDropsItAndSaysTheRollbackTargetIsGone() {
        twoGenerations("it_budget_pruned");
        fx = RebuildFixture.builder(db, "it_budget_pruned").maxShadowBytes(estimate - 1).build();
        RebuildResult dry = fx.rebuild(new RebuildRequest(java.util.Optional.of(catalog.toString()), true, false, true,
                java.util.OptionalDouble.empty(), true, RebuildFixture.TRIGGER).withPruneBeforeLoad(true));
        assertTrue(dry.summary().contains(": fits") && dry.summary().contains("--prune-before-load would drop "
                + fx.previous()), dry.summary());
        assertTrue(fx.exists(fx.previous()), "a dry run drops nothing");

        RebuildResult kept = fx.rebuild(new RebuildRequest(java.util.Optional.of(catalog.toString()), false, true,
                true, java.util.OptionalDouble.empty(), true, RebuildFixture.TRIGGER).withPruneBeforeLoad(true));
        assertEquals(RunOutcome.SUCCEEDED, kept.outcome());
        assertFalse(fx.exists(fx.previous()), "the previous generation was dropped before the load");
        JsonNode budget = kept.receipt().get("shadowBudget");
        assertTrue(budget.get("fits").asBoolean(), budget.toString());
        assertEquals(estimate - 1 + budget.get("previousBytes").asLong(), budget.get("allowanceBytes").asLong());
        assertTrue(budget.get("pruned").asText().contains("dropped " + fx.previous().name() + ": the rollback target "
                + "is gone"), budget.toString());
        assertTrue(fx.events(kept.runId()).stream().anyMatch(ev -> ev.startsWith("PRUNED: --prune-before-load "
                + "dropped")), fx.events(kept.runId()).toString());
        assertEquals(List.of(), ReceiptSchema.violations(kept.receipt()));
        KfmException rollback = org.junit.jupiter.api.Assertions.assertThrows(KfmException.class,
                () -> fx.operations().rollback(RebuildFixture.TRIGGER));
        assertEquals("no-previous-generation", rollback.rule(), rollback.getMessage());
        assertEquals(2L, fx.liveGeneration(), "--no-swap: live untouched");

        KfmException noPrevious = fx.rebuildFails(RebuildFixture.forced(catalog).withPruneBeforeLoad(true));
        assertEquals("shadow-over-budget", noPrevious.rule());
        assertTrue(noPrevious.getMessage().contains("there is no previous generation to drop. Nothing was written. "
                + "Remedies: raise kfm.load.max-shadow-bytes"), noPrevious.getMessage());

        try (RebuildFixture roomier = RebuildFixture.builder(db, "it_budget_pruned").maxShadowBytes(estimate).build()) {
            RebuildResult swapped = roomier.rebuild(RebuildFixture.forced(catalog).withPruneBeforeLoad(true));
            assertEquals(3L, swapped.generation());
            assertTrue(swapped.receipt().at("/shadowBudget/pruned").asText().contains("no previous generation to "
                    + "drop"), swapped.receipt().get("shadowBudget").toString());
            assertTrue(roomier.exists(roomier.previous()), "generation 2 is previous again after the swap");
        }
    }

    @Test
    void aBudgetAtTheEstimatePassesAndTheReceiptComparesEstimateAndMeasure() {
        fx = RebuildFixture.builder(db, "it_budget_fits").maxShadowBytes(estimate).build();
        RebuildResult r = fx.rebuild(catalog);
        assertEquals(1L, r.generation());
        JsonNode budget = r.receipt().get("shadowBudget");
        assertTrue(budget.get("fits").asBoolean(), budget.toString());
        assertEquals(estimate, budget.get("estimateBytes").asLong());
        assertEquals(estimate, budget.get("budgetBytes").asLong());
        assertTrue(budget.get("previousBytes").isNull(), "no previous generation yet: " + budget);
        assertTrue(budget.get("measuredBytes").asLong() > 0, budget.toString());
        ObjectNode bogus = r.receipt().deepCopy();
        ((ObjectNode) bogus.get("shadowBudget")).put("freeBytes", 1);
        assertFalse(ReceiptSchema.violations(bogus).isEmpty(), "the schema refuses unknown preflight fields");
    }

    @Test
    void aDryRunSaysTheBudgetWouldRefuse() {
        fx = RebuildFixture.builder(db, "it_budget_dry").maxShadowBytes(1000).build();
        RebuildResult dry = fx.rebuild(new RebuildRequest(java.util.Optional.of(catalog.toString()), true, false,
                false, java.util.OptionalDouble.empty(), true, RebuildFixture.TRIGGER));
        assertEquals(RunOutcome.SUCCEEDED, dry.outcome());
        assertTrue(dry.summary().contains("shadow estimate " + ByteSize.human(estimate) + " from ")
                && dry.summary().contains("budget 1000 B: over budget, refused (shadow-over-budget)"), dry.summary());
        assertFalse(dry.receipt().at("/shadowBudget/fits").asBoolean());
    }
}
