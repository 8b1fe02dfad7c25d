package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * The packaged application with {@code --format json}: every command prints exactly one document on
 * stdout that matches its schema in {@code docs/schemas/}, logs stay on stderr, exit codes are those of
 * the text format; a failure prints {@code error.schema.json}. Along the way: {@code status} names a
 * kept shadow and the run that kept it, {@code runs} filters, {@code receipt} prints a run's receipt and
 * refuses an unknown id with exit 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliJsonOutputsMatchTheirSchemasIT {
    private static final String PROJECTION = "it_cli_json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static RebuildFixture fx;
    private static KfmProcess kfm;
    private static String failedRunId;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        fx = RebuildFixture.builder(db, PROJECTION).build();
        kfm = new KfmProcess(db, PROJECTION, dir);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
        db.close();
    }

    @Test
    @Order(1)
    void rebuildPrintsItsViewWithTheReceipt() throws IOException {
        Path catalog = TestCatalogs.copySample(dir.resolve("sample"));
        JsonNode first = ok("rebuild", "rebuild", "--catalog", catalog.toString(), "--format", "json");
        assertEquals("SUCCEEDED", first.get("outcome").asText());
        assertEquals(1, first.get("generation").asInt());
        assertEquals(List.of(), ReceiptSchema.violations(first.get("receipt")));

        JsonNode second = ok("rebuild", "rebuild", "--force", "--catalog", catalog.toString(), "--format", "json");
        assertEquals(2, second.get("generation").asInt());
        assertEquals(second.get("plan"), second.at("/receipt/plan"), "every rebuild that read its catalog has a plan");
        assertEquals(4, second.at("/plan/actions/load").asInt(), "--force loads every version: " + second.get("plan"));

        JsonNode dry = ok("rebuild", "rebuild", "--dry-run", "--force", "--catalog", catalog.toString(), "--format",
                "json");
        assertEquals("SUCCEEDED", dry.get("outcome").asText());
        assertTrue(dry.get("generation").isNull());
        assertEquals(4, dry.at("/plan/counts/unchanged").asInt(), dry.toString());
        assertEquals(dry.get("plan"), dry.at("/receipt/plan"));
        assertEquals(List.of(), ReceiptSchema.violations(dry.get("receipt")));
        KfmProcess.Result text = kfm.run(180, "rebuild", "--dry-run", "--catalog", catalog.toString());
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.stdout().contains("plan against live generation 2 (migration 0050, 33 rows)"), text.stdout());
        assertTrue(text.stdout().contains("versions: 0 added, 0 changed, 0 removed, 4 unchanged"), text.stdout());
        assertTrue(text.stdout().contains("would be skipped: yes"), text.stdout());
    }

    @Test
    @Order(2)
    void statusRollbackValidateAndPruneMatchTheirSchemas() throws IOException {
        JsonNode status = ok("status", "status", "--format", "json");
        assertEquals(2, status.get("live").get("number").asInt());
        assertEquals(1, status.get("previous").get("number").asInt());
        assertTrue(status.get("keptShadow").isNull(), status.toString());

        JsonNode rollback = ok("rollback", "rollback", "--format", "json");
        assertEquals(1, rollback.get("generation").asInt());
        JsonNode validate = ok("validate", "validate", "--catalog", dir.resolve("sample/catalog.json").toString(),
                "--format", "json");
        assertTrue(validate.get("parity").get("passed").asBoolean());
        JsonNode prune = ok("prune", "prune", "--format", "json");
        assertEquals(List.of(PROJECTION + "_prev"), JSON.convertValue(prune.get("dropped"), List.class));
    }

    @Test
    @Order(3)
    void migrateAndSmokeMatchTheirSchemas() throws IOException {
        JsonNode migrate = ok("migrate", "migrate", "--schema", "it_cli_json_m", "--target", "0020", "--format",
                "json");
        assertEquals("0020", migrate.get("toVersion").asText());
        assertEquals(2, migrate.get("applied").size());
        JsonNode smoke = ok("smoke", "smoke", "--format", "json");
        assertEquals("0050", smoke.get("latestVersion").asText());
    }

    @Test
    @Order(4)
    void aFailedRebuildPrintsTheErrorDocumentAndStatusNamesTheKeptShadow() throws IOException {
        Path catalog = TestCatalogs.copySample(dir.resolve("shrunk"));
        TestCatalogs.removeItem(dir.resolve("shrunk").resolve(TestCatalogs.COLLECTION), "kansas-landmarks.json");

        KfmProcess.Result r = kfm.run(120, "rebuild", "--force", "--catalog", catalog.toString(), "--format", "json");

        assertEquals(4, r.exit(), r.toString());
        JsonNode error = document("error", r);
        assertEquals("parity-failed", error.get("error").get("rule").asText());
        assertEquals(4, error.get("error").get("exitCode").asInt());
        assertTrue(r.stderr().contains("(rule parity-failed, exit code 4)"), r.toString());

        JsonNode status = ok("status", "status", "--format", "json");
        JsonNode kept = status.get("keptShadow");
        assertEquals(PROJECTION + "_shadow", kept.get("schema").asText(), status.toString());
        assertEquals("FAILED", kept.get("keptBy").get("outcome").asText());
        assertEquals("parity-failed", kept.get("keptBy").get("errorRule").asText());
        failedRunId = kept.get("keptBy").get("runId").asText();
        assertEquals(failedRunId, error.get("runId").asText(), "the error document names the failed run");

        KfmProcess.Result text = kfm.run(60, "status");
        assertTrue(text.stdout().contains("  shadow:   " + PROJECTION + "_shadow kept by run " + failedRunId
                + " (rebuild FAILED, rule parity-failed"), text.toString());
    }

    @Test
    @Order(5)
    void runsFilterByKindAndOutcome() throws IOException {
        JsonNode all = ok("runs", "runs", "--format", "json");
        assertTrue(all.get("runs").size() >= 8, all.toString());
        JsonNode failed = ok("runs", "runs", "--kind", "rebuild", "--outcome", "failed", "--format", "json");
        assertEquals(1, failed.get("runs").size(), failed.toString());
        assertEquals(failedRunId, failed.get("runs").get(0).get("runId").asText());
        JsonNode one = ok("runs", "runs", "--limit", "1", "--format", "json");
        assertEquals(1, one.get("runs").size());

        KfmProcess.Result text = kfm.run(60, "runs", "--kind", "rollback");
        assertEquals(0, text.exit(), text.toString());
        assertEquals(1, text.stdout().lines().count(), text.toString());
        assertTrue(text.stdout().contains(" rollback SUCCEEDED "), text.toString());

        KfmProcess.Result bad = kfm.run(60, "runs", "--kind", "rebuilds");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.stderr().contains("--kind must be one of rebuild, migrate"), bad.toString());
    }

    @Test
    @Order(6)
    void receiptPrintsTheStoredReceiptAndRefusesAnUnknownId() throws IOException {
        KfmProcess.Result r = kfm.run(60, "receipt", failedRunId, "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode receipt = JSON.readTree(r.stdout());
        assertEquals(List.of(), ReceiptSchema.violations(receipt));
        assertEquals("FAILED", receipt.get("outcome").asText());
        assertEquals(1, r.stdout().lines().count());

        KfmProcess.Result text = kfm.run(60, "receipt", failedRunId);
        assertEquals(receipt, JSON.readTree(text.stdout()));
        assertTrue(text.stdout().lines().count() > 10, "indented for people");

        KfmProcess.Result unknown = kfm.run(60, "receipt", "00000000-0000-0000-0000-000000000000", "--format", "json");
        assertEquals(2, unknown.exit(), unknown.toString());
        JsonNode notFound = document("error", unknown);
        assertEquals("run-not-found", notFound.get("error").get("rule").asText());
        assertTrue(notFound.get("runId").isNull(), notFound.toString());
        assertTrue(unknown.stderr().contains("(rule run-not-found, exit code 2)"), unknown.toString());

        KfmProcess.Result garbage = kfm.run(60, "receipt", "not-a-uuid");
        assertEquals(2, garbage.exit(), garbage.toString());
        assertTrue(garbage.stderr().contains("(rule invalid-run-id, exit code 2)"), garbage.toString());
        assertEquals("", garbage.stdout());
    }

    @Test
    @Order(7)
    void theEffectiveConfigurationIsLoggedOnlyForCommandsThatUseTheDatabase() {
        KfmProcess.Result version = kfm.run(60, "--version");
        assertEquals(0, version.exit(), version.toString());
        assertFalse(version.stderr().contains("effective configuration"), version.toString());
        KfmProcess.Result help = kfm.run(60, "status", "--help");
        assertFalse(help.stderr().contains("effective configuration"), help.toString());
        KfmProcess.Result status = kfm.run(60, "status");
        assertTrue(status.stderr().contains("effective configuration:"), status.toString());
    }

    /** Runs a command that must exit 0 and returns its one stdout document, checked against its schema. */
    private static JsonNode ok(String schema, String... args) throws IOException {
        KfmProcess.Result r = kfm.run(180, args);
        assertEquals(0, r.exit(), r.toString());
        return document(schema, r);
    }

    /** The one JSON document a --format json run printed, checked against docs/schemas/SCHEMA.schema.json. */
    static JsonNode document(String schema, KfmProcess.Result r) throws IOException {
        assertEquals(1, r.stdout().lines().count(), "one document on one line:\n" + r);
        JsonNode doc = JSON.readTree(r.stdout());
        String text = Files.readString(TestDatabase.repoRoot().resolve("docs/schemas/" + schema + ".schema.json"),
                StandardCharsets.UTF_8);
        List<String> violations = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(text).validate(doc).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
        assertEquals(List.of(), violations, schema + ".schema.json:\n" + r);
        return doc;
    }
}
