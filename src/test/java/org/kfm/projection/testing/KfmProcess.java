package org.kfm.projection.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged application as {@code bin/kfm-projection} runs it ({@link #jarFor}: {@code serve} the service's,
 * {@code target/quarkus-app}, every other command the CLI's, {@code target/cli-app}) as a child process against a
 * {@link TestDatabase}, for one projection; stdout and stderr go to files in a directory of the test's own.
 */
public final class KfmProcess {
    private final TestDatabase db;
    private final String projection;
    private final Path dir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path application;

    public KfmProcess(TestDatabase db, String projection, Path dir) {
        this.db = db;
        this.projection = projection;
        this.dir = dir;
    }

    public KfmProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A {@code -D} option or other JVM flag. */
    public KfmProcess jvm(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Runs this application's {@code quarkus-run.jar} instead of the one {@link #jarFor} picks. */
    public KfmProcess application(Path jar) {
        this.application = jar;
        return this;
    }

    /** A finished run. */
    public record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A started run and the files it writes to. */
    public record Started(Process process, Path stdout, Path stderr) {
        public String stderrText() {
            return read(stderr);
        }

        /** Polls {@code condition} until it holds; fails after {@code seconds}, showing the child's stderr. */
        public void awaitCondition(BooleanSupplier condition, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!condition.getAsBoolean()) {
                assertTrue(System.nanoTime() < deadline, "condition not met in " + seconds + " s; child stderr:\n"
                        + stderrText());
                Thread.sleep(25);
            }
        }
    }

    /**
     * The application {@code bin/kfm-projection} runs for these arguments: the service's for {@code serve}, the
     * CLI's (built without the service's extensions) for every other command.
     */
    public static Path jarFor(String... args) {
        String app = args.length > 0 && "serve".equals(args[0]) ? "target/quarkus-app" : "target/cli-app";
        Path jar = TestDatabase.repoRoot().resolve(app).resolve("quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn package");
        return jar;
    }

    public Started start(String... args) {
        Path jar = application != null ? application : jarFor(args);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("KFM_") || k.startsWith("QUARKUS_"));
            pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            pb.environment().put("KFM_PROJECTION_NAME", projection);
            pb.environment().put("KFM_TRIGGERED_BY", "kfm-process-it");
            pb.environment().putAll(env);
            return new Started(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to the end (at most {@code timeoutSeconds}, then killed and failed). */
    public Result run(int timeoutSeconds, String... args) {
        Started s = start(args);
        try {
            if (!s.process().waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                s.process().destroyForcibly().waitFor();
                throw new AssertionError("kfm-projection " + String.join(" ", args) + " did not finish in "
                        + timeoutSeconds + " s:\n" + read(s.stderr()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.process().destroyForcibly();
            throw new IllegalStateException(e);
        }
        return new Result(s.process().exitValue(), read(s.stdout()), read(s.stderr()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
