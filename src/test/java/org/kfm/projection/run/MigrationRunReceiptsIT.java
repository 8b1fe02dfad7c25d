package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.migrate.Migrations;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRole;
import org.kfm.projection.testing.TestRuns;

/**
 * Every migrate and smoke run, succeeded or failed, leaves a {@code kfm_ops.rebuild_run} row: kind,
 * outcome, who triggered it, and a receipt with the schema, the versions applied with both
 * checksums (SHA-256 of the file and Flyway's CRC32), the duration, and the rule on failure.
 */
class MigrationRunReceiptsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void aSucceededMigrateRecordsTheVersionsWithBothChecksums() throws Exception {
        TestRuns.migrationRuns(db.dataSource(), "filesystem:" + Migrations.real())
                .migrate(PgIdentifier.of("kfm_index_shadow"), null, TestRuns.TRIGGER);

        JsonNode run = lastRun("migrate");
        assertRun(run, "SUCCEEDED");
        JsonNode receipt = run.get("receipt");
        assertEquals("kfm_index_shadow", receipt.get("schema").asText());
        assertEquals("0050", receipt.get("toVersion").asText());
        assertFalse(receipt.has("error"));
        assertAppliedMatchesFilesAndHistory(receipt.get("applied"), Migrations.real(), "kfm_index_shadow",
                List.of("0010", "0020", "0030", "0040", "0050"));
    }

    @Test
    void aFailedMigrateRecordsTheRuleAndTheFilesAppliedBeforeTheFailure() throws Exception {
        Migrations.copyReal(dir, "0010", "0020");
        Migrations.write(dir, "0030__broken.sql", "ALTER TABLE feature_geom ADD COLUMN;\n");

        assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(), "filesystem:" + dir)
                .migrate(PgIdentifier.of("broken"), null, TestRuns.TRIGGER));

        JsonNode run = lastRun("migrate");
        assertRun(run, "FAILED");
        assertEquals("migration-failed", run.get("error_rule").asText());
        JsonNode receipt = run.get("receipt");
        assertEquals("migration-failed", receipt.at("/error/rule").asText());
        assertEquals(1, receipt.at("/error/exitCode").asInt());
        assertTrue(receipt.at("/error/message").asText().contains("0030__broken.sql"), receipt.toString());
        assertEquals("broken", receipt.get("schema").asText());
        assertEquals("0020", receipt.get("toVersion").asText());
        assertAppliedMatchesFilesAndHistory(receipt.get("applied"), dir, "broken", List.of("0010", "0020"));
    }

    @Test
    void aMigrateRefusedForMissingPrivilegesIsRecordedToo() throws Exception {
        TestRuns.migrationRuns(db.dataSource(), "filesystem:" + Migrations.real())
                .migrate(PgIdentifier.of("bootstrapped_by_owner"), null, TestRuns.TRIGGER);
        try (TestRole role = TestRole.create()) {
            // may write run records, but not create schemas
            role.grant(db, """
                    GRANT USAGE ON SCHEMA kfm_ops TO {role};
                    GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA kfm_ops TO {role};
                    GRANT USAGE ON ALL SEQUENCES IN SCHEMA kfm_ops TO {role}""");

            KfmException e = assertThrows(KfmException.class, () -> TestRuns.migrationRuns(role.dataSource(db),
                    "filesystem:" + Migrations.real()).migrate(PgIdentifier.of("not_allowed"), null, TestRuns.TRIGGER));

            assertEquals("missing-privileges", e.rule(), e.getMessage());
            JsonNode run = lastRun("migrate");
            assertRun(run, "FAILED");
            assertEquals("missing-privileges", run.at("/receipt/error/rule").asText());
            assertTrue(run.at("/receipt/error/message").asText().contains(role.name()), run.toString());
        }
    }

    @Test
    void succeededAndFailedSmokeRunsAreRecordedWithTheirReports() throws Exception {
        TestRuns.migrationRuns(db.dataSource(), "filesystem:" + Migrations.real())
                .smoke(PgIdentifier.of("kfm_smoke_receipt"), TestRuns.packagedN1Rows(), TestRuns.TRIGGER);
        JsonNode passed = lastRun("smoke");
        assertRun(passed, "SUCCEEDED");
        JsonNode receipt = passed.get("receipt");
        assertEquals("kfm_smoke_receipt_fresh", receipt.get("freshSchema").asText());
        assertEquals("0040", receipt.get("previousVersion").asText());
        assertAppliedMatchesFilesAndHistory(receipt.get("freshApplied"), Migrations.real(), null,
                List.of("0010", "0020", "0030", "0040", "0050"));
        assertEquals("0050", receipt.at("/n1Applied/0/version").asText());

        assertThrows(KfmException.class, () -> TestRuns.migrationRuns(db.dataSource(), "classpath:migrations/drift")
                .smoke(PgIdentifier.of("kfm_smoke_receipt"), TestRuns.packagedN1Rows(), TestRuns.TRIGGER));
        JsonNode drifted = lastRun("smoke");
        assertRun(drifted, "FAILED");
        assertEquals("schema-drift", drifted.get("error_rule").asText());
        assertEquals("schema-drift", drifted.at("/receipt/error/rule").asText());
        assertEquals("column feature_geom.extra", drifted.at("/receipt/diff/onlyLeft/0").asText());
        assertEquals(5, drifted.at("/receipt/freshApplied").size());
    }

    /** The run's row as JSON: its columns, with the receipt parsed. */
    private static JsonNode lastRun(String kind) throws IOException {
        String row = db.queryOne("SELECT row_to_json(r)::text FROM kfm_ops.rebuild_run r WHERE kind = '" + kind
                + "' ORDER BY started_at DESC LIMIT 1");
        assertNotNull(row, "no " + kind + " run recorded");
        return JSON.readTree(row);
    }

    private static void assertRun(JsonNode run, String outcome) {
        assertEquals(outcome, run.get("outcome").asText(), run.toString());
        assertEquals(outcome, run.get("state").asText());
        assertEquals(TestRuns.TRIGGER.principal(), run.get("triggered_by").asText());
        assertEquals(TestRuns.TRIGGER.channel(), run.get("trigger").asText());
        assertFalse(run.get("finished_at").isNull());
        JsonNode receipt = run.get("receipt");
        assertEquals(run.get("run_id").asText(), receipt.get("runId").asText());
        assertEquals(run.get("kind").asText(), receipt.get("kind").asText());
        assertEquals(outcome, receipt.get("outcome").asText());
        assertEquals(TestRuns.TRIGGER.principal(), receipt.get("triggeredBy").asText());
        assertTrue(receipt.get("durationMs").isIntegralNumber() && receipt.get("durationMs").asLong() >= 0, receipt
                .toString());
        assertTrue(receipt.has("arguments"), receipt.toString());
    }

    /**
     * Each applied entry names its version and file, the SHA-256 of the file's bytes and Flyway's
     * checksum as the schema's history table holds it (when {@code schema} is given).
     */
    private static void assertAppliedMatchesFilesAndHistory(JsonNode applied, Path files, String schema,
            List<String> versions) throws IOException, NoSuchAlgorithmException {
        assertEquals(versions, StreamSupport.stream(applied.spliterator(), false).map(a -> a.get("version").asText())
                .toList(), applied.toString());
        for (JsonNode a : applied) {
            String script = a.get("script").asText();
            byte[] bytes = Files.readAllBytes(files.resolve(script));
            assertEquals("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    a.get("sha256").asText(), script);
            assertTrue(a.get("flywayChecksum").isInt(), a.toString());
            if (schema != null) {
                assertEquals(db.queryOne("SELECT checksum FROM " + schema + ".flyway_schema_history WHERE version = '"
                        + a.get("version").asText() + "'"), a.get("flywayChecksum").asText(), script);
            }
        }
    }
}
