package org.kfm.projection.k8s;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.kfm.projection.k8s.Manifests.Workload;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestPostgis;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerStatus;

/**
 * One container test's world: the image under test, a fresh database on the Testcontainers PostGIS,
 * a catalog directory mounted at {@value #CATALOG_DIR} (the artifact store's stand-in; writable by
 * user 185, as receipts go next to the catalog), the JWT public key as the Secret volume's file, and
 * the dev overlay rendered. Close it to drop the database and the directories.
 */
final class ContainerFixture implements AutoCloseable {
    static final String CATALOG_DIR = "/catalog";
    static final String CATALOG_URI = CATALOG_DIR + "/catalog.json";
    static final String PROJECTION = "kfm_index";

    final String image;
    final TestPostgis pg;
    final TestDatabase db;
    final Path catalog;
    final Path jwt;
    final Manifests dev;

    ContainerFixture() {
        image = ImageUnderTest.image();
        pg = ImageUnderTest.postgis();
        db = TestDatabase.createOn(pg.adminUrl());
        dev = Manifests.render("overlays/dev");
        try {
            catalog = openDirectory("kfm-container-catalog");
            TestCatalogs.copySample(catalog);
            openTree(catalog);
            jwt = openDirectory("kfm-container-jwt");
            Files.copy(Path.of(ClassLoader.getSystemResource("jwt/test-publicKey.pem").toURI()),
                    jwt.resolve("public-key.pem"));
            openTree(jwt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A container for the workload, wired to this fixture's database, catalog and key. */
    GenericContainer<?> container(Manifests rendered, String kind, String name) {
        Workload w = rendered.workload(kind, name);
        PodContainer pod = new PodContainer(dev, w,
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", pg.urlInNetwork(db.name()), "KFM_CATALOG_URI", CATALOG_URI),
                Map.of("kfm-projection-db/username", TestPostgis.USER, "kfm-projection-db/password", TestPostgis.PASSWORD),
                Map.of("kfm-projection-jwt", jwt), Map.of(catalog, CATALOG_DIR));
        return pod.create(image, pg);
    }

    /** A finished container's exit code and output. */
    record Exit(long code, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Starts a command container (a Job's), waits until it ends, returns how; removes it. */
    static Exit runToEnd(GenericContainer<?> c) {
        c.withStartupCheckStrategy(new Ended());
        try {
            c.start();
            InspectContainerResponse.ContainerState state = client().inspectContainerCmd(c.getContainerId()).exec()
                    .getState();
            return new Exit(state.getExitCodeLong(), c.getLogs(OutputType.STDOUT), c.getLogs(OutputType.STDERR));
        } finally {
            c.stop();
        }
    }

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** Started once the container has stopped, whatever its exit code (the test judges that). */
    private static final class Ended extends StartupCheckStrategy {
        Ended() {
            withTimeout(java.time.Duration.ofMinutes(5));
        }

        @Override
        public StartupStatus checkStartupState(DockerClient client, String containerId) {
            return DockerStatus.isContainerStopped(getCurrentState(client, containerId)) ? StartupStatus.SUCCESSFUL
                    : StartupStatus.NOT_YET_KNOWN;
        }
    }

    String queryOne(String sql) {
        return db.queryOne(sql);
    }

    String liveGeneration() {
        return db.queryOne("SELECT generation FROM kfm_ops.generation WHERE status = 'live' AND projection = '"
                + PROJECTION + "'");
    }

    private static Path openDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
    }

    /** User 185 in the container reads everything and writes receipts. */
    static void openTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx"
                        : "rw-rw-rw-"));
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public void close() {
        db.close();
        deleteTree(catalog);
        deleteTree(jwt);
    }
}
