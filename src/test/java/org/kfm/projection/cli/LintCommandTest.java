package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.LintFixtures;
import picocli.CommandLine;

/** Runs the command through picocli without booting Quarkus, as Main does after boot. */
class LintCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cli.withConventions(new CommandLine(new LintCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void cleanMigrationsExitZeroWithASummary() {
        Path good = LintFixtures.resource("good");
        assertEquals(0, run(good.toString()));
        assertEquals("0 errors, 0 warnings in 0 files (4 SQL files checked in " + good + ")", out.toString().strip());
    }

    @Test
    void anyErrorExitsOneAndPrintsFileLineRuleAndFix() {
        LintFixtures.write(dir, "0010__a.sql", LintFixtures.HEADER + "BEGIN;\n");
        assertEquals(1, run(dir.toString()));
        String[] lines = out.toString().split("\\R");
        assertEquals(dir.resolve("0010__a.sql") + ":5: transaction-control: error: 'BEGIN' controls the "
                + "transaction, which Flyway owns: it runs each file in one transaction and records it there", lines[0]);
        assertTrue(lines[1].startsWith("    fix: remove it"), lines[1]);
        assertTrue(lines[2].startsWith("1 error, 0 warnings in 1 file"), lines[2]);
    }

    @Test
    void warningsAloneExitZero() {
        LintFixtures.write(dir, "0010__a.sql", LintFixtures.HEADER + "SELECT 1;\n");
        LintFixtures.write(dir, "notes.txt", "x");
        assertEquals(0, run(dir.toString()));
        assertTrue(out.toString().contains("stray-file: warning"), out.toString());
    }

    @Test
    void jsonFormatPrintsOnlyJson() throws Exception {
        LintFixtures.write(dir, "0010__a.sql", "COMMIT;\n");
        assertEquals(1, run(dir.toString(), "--format", "json"));
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(2, root.get("findings").size());
        assertEquals("header-missing", root.get("findings").get(0).get("rule").asText());
        assertEquals(1, root.get("findings").get(1).get("line").asInt());
        assertEquals("transaction-control", root.get("findings").get(1).get("rule").asText());
    }

    @Test
    void aMissingDirectoryIsBadUsage() {
        assertEquals(2, run(dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertTrue(err.toString().contains("rule lint-directory-missing"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownFormatOrABadSchemaNameIsBadUsage() {
        assertEquals(2, run(dir.toString(), "--format", "xml"));
        assertTrue(err.toString().contains("use text or json"), err.toString());
        assertEquals(2, run(dir.toString(), "--schema-base", "Bad-Name"), err::toString);
    }

    @Test
    void builderTablesAndSchemaBaseAreOptions() {
        LintFixtures.write(dir, "0010__a.sql", LintFixtures.HEADER + "CREATE TABLE proj.tiles (z int);\n");
        assertEquals(0, run(dir.toString()));
        assertEquals(1, run(dir.toString(), "--builder-table", "tiles", "--schema-base", "proj"));
        assertTrue(out.toString().contains("rebuild-note-missing"), out.toString());
        assertTrue(out.toString().contains("hard-coded-schema"), out.toString());
    }

    @Test
    void theDefaultDirectoryIsMigrationsPostgis() {
        CommandLine cl = new CommandLine(new LintCommand());
        cl.parseArgs();
        assertEquals(Path.of("migrations/postgis"), ((LintCommand) cl.getCommand()).directory);
    }

    @Test
    void lintIsASubcommandOfKfmProjection() {
        assertTrue(new CommandLine(new KfmCommand(), new WithoutQuarkusFactory()).getSubcommands().containsKey("lint"));
    }
}
