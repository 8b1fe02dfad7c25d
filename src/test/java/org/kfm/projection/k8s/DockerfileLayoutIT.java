package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.k8s.Dockerfile.Copy;

/**
 * After {@code mvn package}: lays out /deployments the way the Dockerfile's COPY lines would, from
 * the real target/quarkus-app, and starts the image's ENTRYPOINT from there. The closest to
 * {@code docker run} a machine without a Docker engine gets: it proves the COPY lines carry
 * everything the fast jar needs and that the JVM accepts the flags.
 *
 * <p>Failsafe runs it after {@code package}, so in {@code mvn verify} the layout always exists. Only
 * when surefire is asked for it by name ({@code -Dtest=...k8s.**}, before {@code package}) may
 * there be no application yet; it is skipped then, saying so.
 */
class DockerfileLayoutIT {
    private static final Path APP = Manifests.REPO.resolve("target/quarkus-app");

    @TempDir
    Path root;

    @BeforeEach
    void packaged() {
        assumeTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")), "no " + APP + "/quarkus-run.jar yet: this "
                + "test runs in mvn verify's integration-test phase, after package");
    }

    @Test
    void entrypointStartsTheApplicationFromTheCopiedLayout() throws IOException {
        Dockerfile docker = Dockerfile.load();
        Path deployments = root.resolve("deployments");
        for (Copy c : docker.copies()) {
            copy(c, deployments);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : docker.entrypoint().subList(1, docker.entrypoint().size())) {
            cmd.add(arg.replace("/deployments/", deployments + "/"));
        }
        cmd.add("--version");
        Processes.Result r = Processes.run(cmd, null, deployments);
        assertEquals(0, r.exit(), () -> String.join(" ", cmd) + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
        assertTrue(r.out().contains("kfm-projection"), r.out());
    }

    @Test
    void migrationsTravelInsideTheApplicationJar() throws IOException {
        Path appJar;
        try (Stream<Path> s = Files.list(APP.resolve("app"))) {
            appJar = s.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no application jar in " + APP.resolve("app")));
        }
        try (JarFile jar = new JarFile(appJar.toFile())) {
            long sql = jar.stream().filter(e -> e.getName().startsWith("migrations/postgis/")
                    && e.getName().endsWith(".sql")).count();
            assertTrue(sql > 0, appJar + " holds no migrations/postgis/*.sql: classpath:migrations/postgis would be empty");
        }
    }

    /** COPY src dest: a directory's content goes into dest; a glob copies the matching files. */
    private static void copy(Copy c, Path deployments) throws IOException {
        String src = c.sources().get(0);
        Path dest = deployments.resolve(c.destination().substring("/deployments/".length()));
        Files.createDirectories(dest);
        if (src.contains("*")) {
            Path dir = Manifests.REPO.resolve(src.substring(0, src.lastIndexOf('/')));
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + src.substring(src.lastIndexOf('/') + 1));
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> matched = s.filter(p -> glob.matches(p.getFileName())).toList();
                assertTrue(!matched.isEmpty(), src + " matches nothing in " + dir + ": run mvn package");
                for (Path p : matched) {
                    Files.copy(p, dest.resolve(p.getFileName()));
                }
            }
        } else {
            Path from = Manifests.REPO.resolve(src);
            assertTrue(Files.isDirectory(from), from + " is missing: the fast-jar layout changed, or no mvn package");
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path to = dest.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
    }
}
