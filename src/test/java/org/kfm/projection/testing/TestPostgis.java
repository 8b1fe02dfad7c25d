package org.kfm.projection.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostGIS server of this test JVM in a container (Testcontainers), when {@code bin/test} names its
 * image in {@code KFM_TEST_POSTGIS_IMAGE} (the local {@code kfm-local/postgis:...} image that
 * {@code bin/local-images} builds, or {@code postgis/postgis:15-3.4} where public images can be
 * pulled). One container per JVM, started on first use and shared by every test class, plain ITs
 * and {@code @QuarkusTest} classes alike (each creates its own database in it, as on any server).
 *
 * <p>It publishes 5432 on a random host port, and sits on a network of its own under the alias
 * {@value #NETWORK_ALIAS}, where the containers of the image under test reach it. Nothing is pulled:
 * the image must be present (a registry is not reachable on our build machines). Ryuk is off
 * ({@code TESTCONTAINERS_RYUK_DISABLED}, set by the pom): Testcontainers' JVM shutdown hook removes
 * the container, and {@code bin/test} removes whatever carries its session label after the build, so a
 * killed JVM leaves nothing behind either.
 */
public final class TestPostgis {
    public static final String IMAGE_ENV = "KFM_TEST_POSTGIS_IMAGE";
    /** Host name of the server on {@link #network()}. */
    public static final String NETWORK_ALIAS = "postgis";
    public static final String USER = "kfm";
    public static final String PASSWORD = "kfm-test";
    private static final String DATABASE = "kfm";
    private static final Object LOCK = new Object();
    private static TestPostgis shared;

    private final PostgreSQLContainer container;
    private final Network network;

    private TestPostgis(PostgreSQLContainer container, Network network) {
        this.container = container;
        this.network = network;
    }

    /** The image {@code bin/test} chose, when it chose the container path. */
    public static Optional<String> configuredImage() {
        String image = System.getenv(IMAGE_ENV);
        return image == null || image.isBlank() ? Optional.empty() : Optional.of(image.strip());
    }

    /** Whether a Docker engine answers (Testcontainers' own check; no image is involved). */
    public static boolean engineAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** This JVM's server, started on the first call. */
    public static TestPostgis shared(String image) {
        synchronized (LOCK) {
            if (shared == null) {
                shared = start(image);
            }
            return shared;
        }
    }

    private static TestPostgis start(String image) {
        if (!engineAnswers()) {
            throw new IllegalStateException(IMAGE_ENV + "=" + image + " asks for a PostGIS container, but no Docker "
                    + "engine answers. Start one (bin/test does), or unset " + IMAGE_ENV + " to use bin/local-postgis");
        }
        Network network = Network.builder().createNetworkCmdModifier(c -> c.withLabels(ContainerLabels.of("network")))
                .build();
        PostgreSQLContainer c = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withImagePullPolicy(neverPull(image))
                .withDatabaseName(DATABASE).withUsername(USER).withPassword(PASSWORD)
                // Tests connect as roles they create without passwords (TestRole), as bin/local-postgis
                // allows on loopback: a throw-away server reachable only from this machine's bridge.
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withLabels(ContainerLabels.of("postgis"))
                .withNetwork(network).withNetworkAliases(NETWORK_ALIAS)
                // The settings of bin/local-postgis: a throw-away test server.
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                        "full_page_writes=off", "-c", "max_connections=200")
                // Our image starts the server once (the official one twice: init, then for real).
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        c.start();
        return new TestPostgis(c, network);
    }

    /** Never pull: a local tag cannot be pulled, and a public one must not be (no test pulls). */
    public static ImagePullPolicy neverPull(String image) {
        return name -> {
            if (!DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(image).exec().isEmpty()) {
                return false;
            }
            throw new IllegalStateException("image " + image + " is not present on the Docker engine and tests never "
                    + "pull: build it with bin/local-images (bin/test does)");
        };
    }

    /** Admin JDBC URL with credentials, from this host. */
    public String adminUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + DATABASE
                + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** JDBC URL (no credentials) of {@code database} as containers on {@link #network()} reach it. */
    public String urlInNetwork(String database) {
        return "jdbc:postgresql://" + NETWORK_ALIAS + ":5432/" + database;
    }

    public Network network() {
        return network;
    }

    public String image() {
        return container.getDockerImageName();
    }

    /** Labels for the containers the tests start: bin/test removes everything with its session's. */
    public static final class ContainerLabels {
        public static final String ROLE = "org.kfm.projection.test";
        public static final String SESSION = "org.kfm.projection.test.session";
        /** Set by bin/test: one value per run of it. */
        public static final String SESSION_ENV = "KFM_TEST_SESSION";

        private ContainerLabels() {
        }

        public static Map<String, String> of(String role) {
            String session = System.getenv(SESSION_ENV);
            return session == null || session.isBlank() ? Map.of(ROLE, role) : Map.of(ROLE, role, SESSION, session);
        }
    }
}
