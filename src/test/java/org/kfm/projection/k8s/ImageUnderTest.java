package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kfm.projection.testing.TestPostgis;

/**
 * What the container tests share, once per test JVM: the image built from {@code Dockerfile.jvm} by
 * the commands docs/deployment.md shows (its block marked "# Run by the container tests": the local
 * JRE image of {@code bin/local-images} as {@code BASE_IMAGE}); and the Testcontainers PostGIS server.
 *
 * <p>The tests run where a Docker engine answers, which {@code bin/test} arranges (it starts one as root
 * with apt). Only when none answers are they skipped, saying so: that is the documented no-engine path
 * (bin/local-postgis), not a disabled test.
 */
final class ImageUnderTest {
    /** The marker of the docs/deployment.md blocks these tests run (DeploymentDocTest and DocsCommandsIT skip them). */
    static final Pattern MARK = Pattern.compile("(?i)#\\s*run by the container tests");
    private static final Pattern TAG = Pattern.compile("\\s-t\\s+(\\S+)");
    private static final Object LOCK = new Object();
    private static String built;

    private ImageUnderTest() {
    }

    /** Skips the calling test when no engine answers; otherwise the tag of the built image. */
    static String image() {
        assumeTrue(!"off".equals(System.getenv("KFM_TEST_CONTAINERS")), "bin/test chose bin/local-postgis "
                + "(KFM_TEST_CONTAINERS=off: KFM_TEST_DOCKER=0, or no engine it could use): the container tests run on the "
                + "container path");
        // The documented commands need the docker CLI as well as an engine Testcontainers reaches.
        assumeTrue(Kustomize.onPath("docker").isPresent() && TestPostgis.engineAnswers(), "no Docker engine answers "
                + "(docker on the PATH and an engine Testcontainers reaches): the container tests run where one does; "
                + "bin/test starts one when run as root with apt (README, \"Tests\"). This is the bin/local-postgis path");
        assumeTrue(Files.isRegularFile(Manifests.REPO.resolve("target/quarkus-app/quarkus-run.jar")), "no "
                + "target/quarkus-app yet: the container tests run in mvn verify's integration-test phase, after package");
        synchronized (LOCK) {
            if (built == null) {
                built = build();
            }
            return built;
        }
    }

    /** This JVM's PostGIS container (the one TestDatabase uses when bin/test chose containers). */
    static TestPostgis postgis() {
        return TestPostgis.shared(localImage(TestPostgis.IMAGE_ENV, "postgis"));
    }

    /** The image bin/test named, or the one bin/local-images gives (building it when missing). */
    private static String localImage(String env, String which) {
        String named = System.getenv(env);
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        Run r = run(List.of(Manifests.REPO.resolve("bin/local-images").toString(), which), 1800);
        assertEquals(0, r.exit, () -> "bin/local-images " + which + " failed:\n" + r.output);
        String[] lines = r.output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /**
     * Runs the documented block (all but its {@code mvn package}: failsafe runs after package) and
     * returns the tag its {@code docker build -t} gives.
     */
    private static String build() {
        List<String> lines = documentedBuild().stream().filter(l -> !l.startsWith("mvn ")).toList();
        String command = lines.stream().filter(l -> l.startsWith("docker build ")).findFirst().orElseThrow(
                () -> new AssertionError("docs/deployment.md: the block marked '# Run by the container tests' has no "
                        + "docker build line"));
        Matcher tag = TAG.matcher(command);
        assertTrue(tag.find(), "no -t in " + command);
        String script = "set -euo pipefail\nexport DOCKER_BUILDKIT=0\n" + String.join("\n", lines) + "\n";
        Run r = run(List.of("bash", "-c", script), 1800);
        assertEquals(0, r.exit, () -> "docs/deployment.md's image block failed:\n" + script + "\n" + r.output);
        return tag.group(1);
    }

    /** The command lines of docs/deployment.md's blocks marked as run by these tests. */
    static List<String> documentedBuild() {
        List<String> out = new ArrayList<>();
        for (DeploymentDocTest.Command c : DeploymentDocTest.commands(read())) {
            if (c.runByContainerTests()) {
                out.add(c.text());
            }
        }
        assertTrue(!out.isEmpty(), "docs/deployment.md has no block marked '# Run by the container tests'");
        return out;
    }

    private static String read() {
        try {
            return Files.readString(Manifests.REPO.resolve("docs/deployment.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> cmd, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("kfm-container-test", ".log");
            Process p = new ProcessBuilder(cmd).directory(Manifests.REPO.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
