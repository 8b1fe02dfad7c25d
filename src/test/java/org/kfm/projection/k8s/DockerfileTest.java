package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kfm.projection.k8s.Dockerfile.Copy;

/** What src/main/docker/Dockerfile.jvm says (no Docker engine here to build it; DockerfileLayoutIT runs it). */
class DockerfileTest {
    private final Dockerfile docker = Dockerfile.load();

    @Test
    void runsAJava17RuntimeAsANumericNonRootUser() {
        assertTrue(docker.from().matches(".*(openjdk-17|temurin:17|jre-17|17-jre).*"), docker.from());
        assertTrue(docker.user().matches("[0-9]+(:[0-9]+)?"), "USER must be numeric, so Kubernetes can verify "
                + "runAsNonRoot without /etc/passwd: " + docker.user());
        assertFalse(docker.user().split(":")[0].equals("0"), "USER must not be root");
    }

    @Test
    void exposesTheApplicationsHttpAndManagementPorts() {
        assertEquals(List.of(String.valueOf(ApplicationFacts.httpPort()), String.valueOf(ApplicationFacts.managementPort())),
                docker.expose());
    }

    @Test
    void startsTheFastJarWithContainerAwareJvmFlagsAndServesByDefault() {
        List<String> e = docker.entrypoint();
        assertEquals("java", e.get(0), "exec form with java itself, so SIGTERM reaches the JVM: " + e);
        assertTrue(e.containsAll(List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager")), e.toString());
        assertEquals(List.of("-jar", "/deployments/quarkus-run.jar"), e.subList(e.size() - 2, e.size()),
                "the arguments (CMD, or the pod's args) must come right after the jar: Main checks args[0]");
        assertEquals(List.of("serve"), docker.cmd());
        assertTrue(e.contains("-XX:SharedArchiveFile=/deployments/app-cds.jsa"), "starts from the class-data archive "
                + "the image's build dumps (JobsContainerIT checks the JVM maps it): " + e);
    }

    @Test
    void copiesTheWholeQuarkusFastJarLayoutReadOnly() {
        Set<String> sources = new TreeSet<>();
        for (Copy c : docker.copies()) {
            assertEquals(1, c.sources().size(), c.toString());
            String src = c.sources().get(0);
            assertTrue(src.startsWith("target/quarkus-app/"), "only the packaged application goes in: " + src);
            assertTrue(c.destination().startsWith("/deployments/"), c.toString());
            assertTrue(c.flags().stream().noneMatch(f -> f.startsWith("--chown") || f.startsWith("--chmod")),
                    "files stay root-owned, so the application cannot rewrite itself: " + c);
            sources.add(src.substring("target/quarkus-app/".length()) + " -> " + c.destination());
        }
        // the fast-jar layout of `mvn package`: quarkus-run.jar beside lib/, app/ and quarkus/
        assertEquals(new TreeSet<>(List.of("*.jar -> /deployments/", "app/ -> /deployments/app/",
                "lib/ -> /deployments/lib/", "quarkus/ -> /deployments/quarkus/")), sources);
    }

    @Test
    void buildContextShipsOnlyThePackagedApplication() throws IOException {
        List<String> rules = Files.readAllLines(Manifests.REPO.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(List.of("*", "!target/quarkus-app/*"), rules,
                "everything but target/quarkus-app stays out of the context (sources, .git, .kfm's local cluster)");
    }
}
