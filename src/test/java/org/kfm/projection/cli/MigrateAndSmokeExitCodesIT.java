package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.Migrations;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestDatabase;

/**
 * The packaged application as {@code bin/kfm-projection} runs it (the CLI's, {@code target/cli-app}) exits 0 when migrate or smoke succeed, 1 when they fail, and 2 on bad usage or
 * configuration, with the rule on stderr.
 */
class MigrateAndSmokeExitCodesIT {
    private static final String TRIGGERED_BY = "exit-codes-it";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path tmp;

    @Test
    void migrateExitsZeroAndStopsAtTheTarget() throws Exception {
        Result first = kfm(Map.of(), "migrate", "--schema", "cli_target", "--target", "0030");
        assertEquals(0, first.exit, first.toString());
        assertTrue(first.stdout.contains("schema cli_target: empty -> 0030, 3 migration(s) applied"), first.toString());

        Result rest = kfm(Map.of(), "migrate", "--schema", "cli_target");
        assertEquals(0, rest.exit, rest.toString());
        assertTrue(rest.stdout.contains("schema cli_target: 0030 -> 0050, 2 migration(s) applied"), rest.toString());
        assertEquals(TRIGGERED_BY, db.queryOne("SELECT string_agg(DISTINCT triggered_by, ',') FROM kfm_ops.rebuild_run"
                + " WHERE arguments ->> 'schema' = 'cli_target' AND outcome = 'SUCCEEDED' AND trigger = 'cli'"));
    }

    @Test
    void migrateExitsOneWhenAnAppliedMigrationWasEdited() throws Exception {
        Path dir = Migrations.copyReal(tmp, "0010", "0020");
        assertEquals(0, kfm(Map.of("KFM_MIGRATIONS_LOCATION", dir.toString()), "migrate", "--schema", "cli_edit").exit);
        Files.writeString(dir.resolve("0020__feature_geom.sql"), "\n-- edited\n", StandardOpenOption.APPEND);

        Result r = kfm(Map.of("KFM_MIGRATIONS_LOCATION", dir.toString()), "migrate", "--schema", "cli_edit");

        assertEquals(1, r.exit, r.toString());
        assertTrue(r.stderr.contains("(rule migration-changed, exit code 1)"), r.toString());
        assertTrue(r.stderr.contains("0020__feature_geom.sql"), r.toString());
    }

    @Test
    void migrateExitsTwoOnABadSchemaName() throws Exception {
        Result r = kfm(Map.of(), "migrate", "--schema", "Bad-Name");

        assertEquals(2, r.exit, r.toString());
        assertTrue(r.stderr.contains("(rule invalid-identifier, exit code 2)"), r.toString());
        assertEquals("", r.stdout);
    }

    @Test
    void migrateExitsTwoWithoutADatabase() throws Exception {
        Map<String, String> noDatabase = new HashMap<>();
        noDatabase.put("QUARKUS_DATASOURCE_JDBC_URL", null);

        Result r = kfm(noDatabase, "migrate");

        assertEquals(2, r.exit, r.toString());
        assertTrue(r.stderr.contains("(rule no-database, exit code 2)"), r.toString());
    }

    @Test
    void smokeExitsZeroOnTheRealMigrations() throws Exception {
        Result r = kfm(Map.of(), "smoke");

        assertEquals(0, r.exit, r.toString());
        assertTrue(r.stdout.contains("(b) N-1: migrated to 0040, rows added, then 1 migration(s) to 0050"), r.toString());
        assertTrue(r.stdout.contains("smoke passed"), r.toString());
    }

    @Test
    void smokeExitsOneWithTheDiffOnSchemaDrift() throws Exception {
        Path drift = TestDatabase.repoRoot().resolve("src/test/resources/migrations/drift");

        Result r = kfm(Map.of("KFM_MIGRATIONS_LOCATION", drift.toString()), "smoke");

        assertEquals(1, r.exit, r.toString());
        assertTrue(r.stderr.contains("- column feature_geom.extra: only in fresh"), r.toString());
        assertTrue(r.stderr.contains("(rule schema-drift, exit code 1)"), r.toString());
        assertEquals("", db.queryOne("SELECT coalesce(string_agg(nspname, ','), '') FROM pg_namespace "
                + "WHERE nspname LIKE 'kfm\\_smoke\\_%'"));
    }

    @Test
    void smokeExitsTwoOnABadSchemaBase() throws Exception {
        Result r = kfm(Map.of(), "smoke", "--schema-base", "Bad-Name");

        assertEquals(2, r.exit, r.toString());
        assertTrue(r.stderr.contains("(rule invalid-identifier, exit code 2)"), r.toString());
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs the packaged application with the test database, plus {@code env} (null removes a variable). */
    private Result kfm(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = KfmProcess.jarFor(args);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        pb.environment().put("KFM_TRIGGERED_BY", TRIGGERED_BY);
        pb.environment().remove("KFM_MIGRATIONS_LOCATION");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("kfm-projection " + String.join(" ", args) + " did not finish in 60 s:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
