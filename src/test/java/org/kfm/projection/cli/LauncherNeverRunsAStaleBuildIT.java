package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code bin/kfm-projection} in a clone of the sources: a build whose inputs are unchanged runs as is; a
 * migration deleted from {@code migrations/postgis/} makes it rebuild, from empty output directories, so the
 * deleted file is neither packaged nor applied. The clone is seeded with this build's {@code target/}
 * (which packages the migration) and its fingerprint, so the test costs one {@code mvn package}, not two.
 */
class LauncherNeverRunsAStaleBuildIT {
    private static final String DELETED = "0050__feature_geom_feature_index.sql";
    private static TestDatabase db;

    @TempDir
    Path clone;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aDeletedMigrationIsRebuiltAwayAndNotApplied() throws Exception {
        copySources(TestDatabase.repoRoot(), clone);
        run(clone, 30, "git", "init", "-q");
        run(clone, 30, "git", "add", "-A");
        seedTarget(TestDatabase.repoRoot(), clone);
        Path packaged = clone.resolve("target/classes/migrations/postgis").resolve(DELETED);
        assertTrue(Files.isRegularFile(packaged), "the seeded build packages " + DELETED);

        Result unchanged = run(clone, 120, "bin/kfm-projection", "--version");
        assertEquals(0, unchanged.exit, unchanged.toString());
        assertFalse(unchanged.stderr.contains("building the application"), unchanged.toString());
        // the seeded archive was dumped for the original jar's path: the launcher dumps one for the clone's
        assertTrue(unchanged.stderr.contains("kfm-projection: preparing the class-data archive (AppCDS): "),
                unchanged.toString());
        // --version runs the CLI's application (target/cli-app), and the archive is that application's
        assertTrue(Files.isRegularFile(clone.resolve("target/cli-app/kfm-appcds.jsa")), unchanged.toString());
        // -Xshare:on: the JVM refuses to start unless it maps that archive, from any working directory
        Result mapped = runWithJavaOpts(clone.resolve("samples"), 120, "-Xshare:on", "../bin/kfm-projection",
                "--version");
        assertEquals(0, mapped.exit, mapped.toString());
        assertTrue(mapped.stdout.startsWith("kfm-projection "), mapped.toString());
        assertFalse(mapped.stderr.contains("preparing the class-data archive"), mapped.toString());

        Files.delete(clone.resolve("migrations/postgis").resolve(DELETED));
        Result rebuilt = run(clone, 600, "bin/kfm-projection", "migrate", "--schema", "launcher_it");

        assertEquals(0, rebuilt.exit, rebuilt.toString());
        assertTrue(rebuilt.stderr.contains("kfm-projection: building the application (mvn package): "), rebuilt
                .toString());
        assertFalse(rebuilt.stderr.contains("[INFO]"), "Maven's output goes to .kfm/logs/build.log\n" + rebuilt);
        assertTrue(Files.readString(clone.resolve(".kfm/logs/build.log")).contains("BUILD SUCCESS"));
        assertFalse(Files.exists(packaged), DELETED + " is still in target/classes");
        assertTrue(Files.isRegularFile(clone.resolve("target/cli-app/quarkus-run.jar")), "both applications are built");
        assertTrue(rebuilt.stdout.contains("schema launcher_it: empty -> 0040, 4 migration(s) applied"),
                rebuilt.toString());
        assertEquals("0", db.queryOne("SELECT count(*) FROM launcher_it.flyway_schema_history WHERE version = '0050'"));
        assertEquals(run(clone, 30, "bin/lib/build-inputs").stdout,
                Files.readString(clone.resolve("target/quarkus-app/kfm-build-inputs")));
    }

    @Test
    void theFingerprintFollowsPathsAndContentsButNotIgnoredFiles() throws Exception {
        Path lib = Files.createDirectories(clone.resolve("bin/lib"));
        Files.copy(TestDatabase.repoRoot().resolve("bin/lib/build-inputs"), lib.resolve("build-inputs"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(clone.resolve(".gitignore"), "target/\n*.iml\n");
        Files.writeString(clone.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(clone.resolve("src/main/java"));
        Files.writeString(clone.resolve("src/main/java/A.java"), "class A {}\n");
        Path migrations = Files.createDirectories(clone.resolve("migrations/postgis"));
        Files.writeString(migrations.resolve("0010__a.sql"), "SELECT 1;\n");
        run(clone, 30, "git", "init", "-q");
        run(clone, 30, "git", "add", "-A");
        String original = fingerprint();

        Files.move(migrations.resolve("0010__a.sql"), migrations.resolve("0010__b.sql"));
        String renamed = fingerprint();
        Files.move(migrations.resolve("0010__b.sql"), migrations.resolve("0010__a.sql"));
        assertEquals(original, fingerprint(), "renamed back");
        Files.writeString(migrations.resolve("0010__a.sql"), "SELECT 2;\n");
        String edited = fingerprint();
        Files.writeString(migrations.resolve("0010__a.sql"), "SELECT 1;\n");
        Files.writeString(clone.resolve("src/main/java/B.java"), "class B {}\n");
        String untracked = fingerprint();
        Files.delete(clone.resolve("src/main/java/B.java"));
        Files.writeString(clone.resolve("src/main/java/x.iml"), "ignored");
        Files.createDirectories(clone.resolve("target")).resolve("out.txt").toFile().createNewFile();
        Files.writeString(clone.resolve("README.md"), "not an input");

        assertEquals(original, fingerprint(), "ignored files and files outside the inputs do not count");
        assertEquals(4, java.util.Set.of(original, renamed, edited, untracked).size(),
                "a rename, an edit and an untracked file each change it");
    }

    private String fingerprint() throws IOException, InterruptedException {
        return run(clone, 30, "bin/lib/build-inputs").stdout.strip();
    }

    /** What git would commit here: tracked files and untracked ones it does not ignore. */
    private static void copySources(Path repo, Path to) throws IOException, InterruptedException {
        Result files = run(repo, 30, "git", "ls-files", "--cached", "--others", "--exclude-standard");
        for (String f : files.stdout.split("\n")) {
            Path from = repo.resolve(f);
            if (!f.isBlank() && Files.isRegularFile(from)) {
                Files.createDirectories(to.resolve(f).getParent());
                Files.copy(from, to.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** This build's output, as if the clone had been built before, stamped with the clone's fingerprint. */
    private static void seedTarget(Path repo, Path to) throws IOException, InterruptedException {
        for (String dir : List.of("target/classes", "target/quarkus-app", "target/cli-app")) {
            Path from = repo.resolve(dir);
            assertTrue(Files.isDirectory(from), from + " is missing: run mvn package");
            try (Stream<Path> all = Files.walk(from)) {
                all.forEach(p -> {
                    Path target = to.resolve(dir).resolve(from.relativize(p).toString());
                    try {
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.writeString(to.resolve("target/quarkus-app/kfm-build-inputs"), run(to, 30, "bin/lib/build-inputs").stdout);
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static Result run(Path dir, int timeoutSeconds, String... command) throws IOException,
            InterruptedException {
        return runWithJavaOpts(dir, timeoutSeconds, "", command);
    }

    private static Result runWithJavaOpts(Path dir, int timeoutSeconds, String extraJavaOpts, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher-it", ".out");
        Path err = Files.createTempFile("launcher-it", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("KFM_") || k.startsWith("QUARKUS_"));
            pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            pb.environment().put("JAVA_OPTS", ("-Xmx256m -XX:TieredStopAtLevel=1 " + extraJavaOpts).strip());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            if (!command[0].contains("bin/kfm-projection")) {
                assertEquals(0, r.exit, String.join(" ", command) + "\n" + r);
            }
            return r;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
