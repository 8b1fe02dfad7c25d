package org.kfm.projection.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestDatabase;

/**
 * The commands the documentation shows work: every runnable {@code bash} block of {@code README.md}
 * and {@code docs/*.md} (convention in {@link ShellBlocks} and {@code docs/README.md}) runs, one bash
 * process per document, blocks in document order, from the repository root, against:
 * <ul>
 *   <li>{@code QUARKUS_DATASOURCE_JDBC_URL}: a fresh {@link TestDatabase} per document, and libpq's
 *       {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER} (and {@code PGPASSWORD})
 *       for the same database, so {@code psql} needs no arguments;</li>
 *   <li>{@code KFM_CATALOG_URI}: a temporary copy of {@code samples/catalog/catalog.json};</li>
 *   <li>{@code kfm-projection} on the {@code PATH}: a wrapper around the packaged
 *       {@code target/cli-app/quarkus-run.jar} ({@code serve}: {@code target/quarkus-app}) as in
 *       {@code bin/kfm-projection} (failsafe runs after {@code package});</li>
 *   <li>{@code TMPDIR}: a directory removed afterwards; no other {@code KFM_*}, {@code QUARKUS_*} or
 *       {@code PG*} variable of the caller's environment.</li>
 * </ul>
 * A failure names the document line and shows the end of the output.
 */
class DocsCommandsIT {
    /** Documents that have a test of their own and need tools this one does not provide (kubectl). */
    private static final Set<String> OWN_TEST = Set.of("docs/deployment.md");
    /** A guard against a hung command, not a time limit: a runbook of ~30 JVM starts on a loaded 2-core machine. */
    private static final long TIMEOUT_SECONDS = 600;
    private static final Pattern FAILED_AT = Pattern.compile("docs-test: exit (\\d+) at script line (\\d+)");
    private static final String JAVA_OPTS = "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyRunnableBlockOfTheDocumentationRuns() throws IOException {
        Path repo = TestDatabase.repoRoot();
        Path jar = repo.resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn package (failsafe runs after it)");
        return documents(repo).stream().map(doc -> DynamicTest.dynamicTest(doc, () -> run(repo, jar, doc)));
    }

    static List<String> documents(Path repo) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("README.md");
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted(Comparator.naturalOrder())
                    .map(p -> "docs/" + p.getFileName()).filter(d -> !OWN_TEST.contains(d)).forEach(out::add);
        }
        return out;
    }

    private void run(Path repo, Path jar, String document) throws Exception {
        List<ShellBlocks.Block> blocks = ShellBlocks.parse(document, Files.readString(repo.resolve(document)));
        if (blocks.stream().noneMatch(ShellBlocks.Block::runnable)) {
            return;
        }
        ShellBlocks.Script script = ShellBlocks.script(blocks);
        Optional<Path> psql = psql();
        Assumptions.assumeTrue(psql.isPresent() || !script.text().contains("psql"),
                document + " runs psql, which is not installed here");
        Path work = Files.createDirectories(tmp.resolve(document.replace('/', '_')));
        Path bin = wrapper(work, jar);
        Path catalog = copyCatalog(repo.resolve("samples/catalog"), work.resolve("catalog"));
        Path scriptFile = work.resolve("script.sh");
        Files.writeString(scriptFile, script.text(), StandardCharsets.UTF_8);
        Path log = work.resolve("output.log");
        try (TestDatabase db = TestDatabase.create()) {
            ProcessBuilder pb = new ProcessBuilder("bash", scriptFile.toString()).directory(repo.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("KFM_") || k.startsWith("QUARKUS_") || k.startsWith("PG"));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.putAll(libpq(db.jdbcUrl()));
            env.put("KFM_CATALOG_URI", catalog.resolve("catalog.json").toString());
            env.put("JAVA_OPTS", JAVA_OPTS);
            env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
            String path = bin + (psql.isPresent() ? ":" + psql.get().getParent() : "");
            env.put("PATH", path + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            long started = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("%s: %d runnable block(s) in %.1f s%n", document,
                    blocks.stream().filter(ShellBlocks.Block::runnable).count(), (System.nanoTime() - started) / 1e9);
            if (!finished) {
                fail(document + ": did not finish in " + TIMEOUT_SECONDS + " s\n" + tail(output));
            }
            if (p.exitValue() != 0) {
                fail(document + ": " + where(script, output, p.exitValue()) + "\n" + tail(output));
            }
        }
    }

    private static String where(ShellBlocks.Script script, String output, int exit) {
        Matcher m = FAILED_AT.matcher(output);
        String at = null;
        while (m.find()) {
            at = "command at " + script.origin(Integer.parseInt(m.group(2))) + " exited " + m.group(1)
                    + " (expected 0; mark a command that should fail with '# exits N')";
        }
        return at != null ? at : "the script exited " + exit;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n", -1);
        int from = Math.max(0, lines.length - 80);
        return "--- last " + (lines.length - from) + " line(s) of output:\n"
                + String.join("\n", List.of(lines).subList(from, lines.length));
    }

    /** {@code kfm-projection} for the scripts: the packaged applications, as bin/kfm-projection runs them. */
    private static Path wrapper(Path work, Path jar) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path wrapper = bin.resolve("kfm-projection");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // serve runs the service's application, every other command the CLI's, as in bin/kfm-projection
        Files.writeString(wrapper, "#!/usr/bin/env bash\njar='" + KfmProcess.jarFor() + "'\n"
                + "[ \"${1:-}\" = serve ] && jar='" + jar + "'\nexec '" + java + "' ${JAVA_OPTS:-} -jar \"$jar\" \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** The sample catalog without receipts a local run may have left beside it. */
    private static Path copyCatalog(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.filter(p -> !from.relativize(p).startsWith("receipts")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    /** libpq's variables for the database of a JDBC URL ({@code jdbc:postgresql://host:port/db?user=..&password=..}). */
    static Map<String, String> libpq(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PGHOST", uri.getHost() == null ? "localhost" : uri.getHost());
        env.put("PGPORT", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
        env.put("PGDATABASE", uri.getPath().substring(1));
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                int eq = kv.indexOf('=');
                String key = eq < 0 ? kv : kv.substring(0, eq);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("user")) {
                    env.put("PGUSER", value);
                } else if (key.equals("password")) {
                    env.put("PGPASSWORD", value);
                }
            }
        }
        return env;
    }

    /** psql on the PATH, else the newest under /usr/lib/postgresql (where bin/local-postgis finds the server). */
    private static Optional<Path> psql() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "psql");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable)
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
