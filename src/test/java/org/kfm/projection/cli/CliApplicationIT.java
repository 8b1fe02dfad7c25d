package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestDatabase;

/**
 * The CLI's application ({@code target/cli-app}, every command but {@code serve} in bin/kfm-projection) is built
 * without the service's extensions, so a command neither loads nor starts them; it refuses {@code serve}, and
 * the service's settings in application.properties, which it cannot read, are no warning.
 */
class CliApplicationIT {
    /** Jars of the extensions a CLI command has no use for (docs/performance.md, "Start-up"). */
    private static final List<String> SERVICE_ONLY = List.of("io.vertx.", "io.netty.", "io.quarkus.quarkus-rest-",
            "io.quarkus.quarkus-smallrye-openapi", "io.quarkus.quarkus-smallrye-jwt", "io.quarkus.quarkus-smallrye-health",
            "io.quarkus.quarkus-micrometer", "io.quarkus.quarkus-scheduler");

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void packagesNoneOfTheServicesExtensionsWhichTheServicesApplicationHas() throws IOException {
        List<String> cli = jars(KfmProcess.jarFor("status"));
        List<String> service = jars(KfmProcess.jarFor("serve"));
        for (String prefix : SERVICE_ONLY) {
            assertTrue(cli.stream().noneMatch(j -> j.startsWith(prefix)), prefix + " in the CLI's application: " + cli);
            assertTrue(service.stream().anyMatch(j -> j.startsWith(prefix)), prefix + " not in the service's: " + service);
        }
    }

    @Test
    void runsACommandWithoutWarningsAboutTheServicesSettings() {
        KfmProcess.Result r = new KfmProcess(db, "kfm_index", dir).run(60, "status");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("projection kfm_index"), r.toString());
        assertFalse(r.stderr().contains("WARN"), "no warning (an unrecognised quarkus.http.* key, say):\n" + r);
    }

    @Test
    void printsTheVersionAndNothingElse() {
        KfmProcess.Result r = new KfmProcess(db, "kfm_index", dir).run(60, "--version");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith("kfm-projection "), r.toString());
        assertEquals("", r.stderr(), "neither warnings nor the effective configuration (that is for serve):\n" + r);
    }

    @Test
    void refusesServeWithExitCodeTwo() {
        KfmProcess.Result r = new KfmProcess(db, "kfm_index", dir).application(KfmProcess.jarFor("status"))
                .run(60, "serve");

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.stderr().contains("(rule serve-needs-service-application, exit code 2)"), r.toString());
    }

    private static List<String> jars(Path runJar) throws IOException {
        try (Stream<Path> files = Files.list(runJar.resolveSibling("lib/main"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
