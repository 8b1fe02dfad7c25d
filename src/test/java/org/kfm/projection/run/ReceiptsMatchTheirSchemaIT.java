package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.migrate.Migrations;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRuns;

/**
 * Every kind of run ends with a receipt of the one documented shape: a real receipt of every kind
 * (rebuild, rollback, prune, validate, migrate, smoke) and of every outcome a run can reach itself
 * (succeeded, skipped, failed, cancelled, refused) validates against
 * {@code docs/schemas/receipt.schema.json}, and the schema refuses what does not belong.
 */
class ReceiptsMatchTheirSchemaIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_receipts").build();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aRealReceiptOfEveryKindAndOutcomeMatchesTheSchema() throws IOException {
        Path catalog = TestCatalogs.copySample(dir.resolve("sample"));
        String uri = catalog.toString();
        fx.rebuild(catalog);
        assertEquals(RunOutcome.SKIPPED, fx.rebuild(catalog).outcome());
        fx.rebuild(new RebuildRequest(Optional.of(uri), true, false, false, OptionalDouble.empty(), true,
                RebuildFixture.TRIGGER));
        fx.rebuild(RebuildFixture.forced(catalog));
        try (RebuildLock held = RebuildLock.acquire(fx.dataSource(), "it_receipts")) {
            fx.rebuildFails(RebuildFixture.forced(catalog));
            assertThrows(LockHeldException.class, () -> fx.operations().rollback(RebuildFixture.TRIGGER));
            assertThrows(LockHeldException.class, () -> fx.operations().validate(Optional.of(fx.shadow().name()),
                    Optional.of(uri), RebuildFixture.TRIGGER));
        }
        RunObserver cancelAtIndexing = new RunObserver() {
            private volatile boolean indexing;

            @Override
            public void phase(Phase phase, String message) {
                indexing |= phase == Phase.INDEXING;
            }

            @Override
            public boolean cancelRequested() {
                return indexing;
            }

            @Override
            public Cancellation cancellation() {
                return Cancellation.request("otto");
            }
        };
        assertThrows(KfmException.class, () -> fx.orchestrator().rebuild(RebuildFixture.forced(catalog),
                cancelAtIndexing));
        fx.rebuildFails(RebuildFixture.request(dir.resolve("missing/catalog.json")));
        fx.rebuild(new RebuildRequest(Optional.of(uri), false, true, true, OptionalDouble.empty(), true,
                RebuildFixture.TRIGGER));
        fx.operations().validate(Optional.of(fx.shadow().name()), Optional.of(uri), RebuildFixture.TRIGGER);
        fx.operations().validate(Optional.empty(), Optional.of(uri), RebuildFixture.TRIGGER);
        fx.operations().rollback(RebuildFixture.TRIGGER);
        fx.operations().prune(RebuildFixture.TRIGGER);
        assertThrows(KfmException.class, () -> fx.operations().rollback(RebuildFixture.TRIGGER));
        TestRuns.migrationRuns(db.dataSource(), "filesystem:" + Migrations.real())
                .migrate(PgIdentifier.of("receipt_migrate"), null, TestRuns.TRIGGER);
        Migrations.copyReal(Files.createDirectories(dir.resolve("broken")), "0010");
        Migrations.write(dir.resolve("broken"), "0020__broken.sql", "ALTER TABLE feature_geom ADD COLUMN;\n");
        assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(), "filesystem:"
                + dir.resolve("broken")).migrate(PgIdentifier.of("receipt_broken"), null, TestRuns.TRIGGER));
        TestRuns.migrationRuns(db.dataSource(), "filesystem:" + Migrations.real())
                .smoke(PgIdentifier.of("kfm_smoke_receipts"), TestRuns.packagedN1Rows(), TestRuns.TRIGGER);

        Map<String, Set<String>> seen = new TreeMap<>();
        for (List<String> row : fx.rows("SELECT receipt::text FROM kfm_ops.rebuild_run ORDER BY started_at")) {
            JsonNode receipt = fx.readJson(row.get(0));
            assertEquals(List.of(), ReceiptSchema.violations(receipt), receipt.toPrettyString());
            seen.computeIfAbsent(receipt.get("kind").asText(), k -> new TreeSet<>()).add(receipt.get("outcome")
                    .asText());
        }
        assertEquals(Set.of("rebuild", "rollback", "prune", "validate", "migrate", "smoke"), seen.keySet(),
                seen.toString());
        assertEquals(Set.of("CANCELLED", "FAILED", "REFUSED", "SKIPPED", "SUCCEEDED"), seen.get("rebuild"));
        assertEquals(Set.of("FAILED", "REFUSED", "SUCCEEDED"), seen.get("rollback"));
        assertEquals(Set.of("REFUSED", "SUCCEEDED"), seen.get("validate"));
        assertEquals(Set.of("FAILED", "SUCCEEDED"), seen.get("migrate"));

        JsonNode cancelled = fx.readJson(fx.one("SELECT receipt::text FROM kfm_ops.rebuild_run WHERE outcome = "
                + "'CANCELLED'"));
        assertEquals("request", cancelled.at("/cancellation/cause").asText(), cancelled.toString());
        assertEquals("otto", cancelled.at("/cancellation/by").asText());
        assertEquals("kept", cancelled.at("/data/shadow").asText());
        JsonNode skipped = fx.readJson(fx.one("SELECT receipt::text FROM kfm_ops.rebuild_run WHERE outcome = "
                + "'SKIPPED'"));
        assertEquals(List.of("MIGRATING", "LOADING", "INDEXING", "VALIDATING", "SWAPPING"), skipped.get("phases")
                .findValuesAsText("phase").subList(2, 7), skipped.toString());
        assertEquals("skipped", skipped.at("/phases/6/status").asText());
    }

    @Test
    void theSchemaRefusesFieldsThatDoNotBelong() {
        ObjectNode receipt = (ObjectNode) fx.readJson("""
                {"receiptVersion": 2, "runId": "00000000-0000-0000-0000-000000000001", "kind": "prune",
                 "projection": "p", "triggeredBy": "t", "trigger": "cli", "startedAt": "2026-12-02T17:00:00Z",
                 "finishedAt": "2026-12-02T17:00:01.5Z", "durationMs": 1500, "outcome": "SUCCEEDED",
                 "summary": "nothing to prune", "arguments": {}, "data": {"live": "untouched", "shadow": "none"},
                 "prune": {"dropped": [], "notDropped": []}}""");
        assertEquals(List.of(), ReceiptSchema.violations(receipt));

        assertFalse(ReceiptSchema.violations(receipt.deepCopy().put("bogus", 1)).isEmpty(), "unknown field");
        ObjectNode parityInPrune = receipt.deepCopy();
        parityInPrune.putObject("parity");
        assertFalse(ReceiptSchema.violations(parityInPrune).isEmpty(), "another kind's body");
        assertFalse(ReceiptSchema.violations(receipt.deepCopy().put("outcome", "FAILED")).isEmpty(),
                "a failure without its error");
        ObjectNode refusedWithoutHolder = receipt.deepCopy().put("outcome", "REFUSED");
        refusedWithoutHolder.putObject("error").put("code", "LOCK_HELD").put("exitCode", 3).put("rule", "lock-held")
                .put("message", "held");
        assertFalse(ReceiptSchema.violations(refusedWithoutHolder).isEmpty(), "a refusal names its holder (or null)");
        assertTrue(ReceiptSchema.violations(receipt.deepCopy().put("receiptVersion", 1)).size() > 0, "version 1");
    }
}
