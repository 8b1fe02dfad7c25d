package org.kfm.projection.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, real PostgreSQL + PostGIS database per test class, dropped on {@link #close()}. The server,
 * in order: {@code KFM_TEST_JDBC_URL} when set; else this JVM's {@link TestPostgis} container when
 * {@code bin/test} names its image ({@code KFM_TEST_POSTGIS_IMAGE}, set when a Docker engine answers);
 * else {@code bin/local-postgis start}, so {@code mvn verify} also works on its own.
 *
 * <p>A test class that needs one database for all its tests registers it as an extension,
 * {@code @RegisterExtension static final TestDatabase db = TestDatabase.perClass();}: the database is
 * created before the class's {@code @BeforeAll} methods run (an extension's {@code beforeAll} callback
 * comes first), so they may build fixtures on it, and dropped after its {@code @AfterAll} methods.
 */
public final class TestDatabase implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final Object START_LOCK = new Object();
    private static volatile String serverUrl;

    // set when the database is created: at once by create(), in beforeAll for perClass()
    private String server;
    private String name;
    private String url;
    // the class that created it in beforeAll: nested classes inherit the extension, and must not drop it
    private String owner;

    private TestDatabase() {
    }

    /** Creates an empty database with PostGIS installed in {@code public}. */
    public static TestDatabase create() {
        return createOn(serverUrl());
    }

    /** The same on a given server (admin JDBC URL), e.g. {@link TestPostgis#adminUrl()}. */
    public static TestDatabase createOn(String server) {
        TestDatabase db = new TestDatabase();
        db.open(server);
        return db;
    }

    /** A database for one test class, created in {@code beforeAll} and dropped in {@code afterAll}. */
    public static TestDatabase perClass() {
        return new TestDatabase();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (name == null) {
            open(serverUrl());
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            close();
        }
    }

    private void open(String on) {
        String db = "kfm_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(on); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + on + ": " + e.getMessage(), e);
        }
        this.server = on;
        this.name = db;
        this.url = withDatabase(on, db);
        execute("CREATE EXTENSION postgis");
    }

    public String name() {
        return created().name;
    }

    public String jdbcUrl() {
        return created().url;
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        ds.setApplicationName("kfm-projection-test");
        return ds;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    private TestDatabase created() {
        if (name == null) {
            throw new IllegalStateException("the test database is not created: register TestDatabase.perClass() as a "
                    + "static @RegisterExtension field (it is created before the class's @BeforeAll methods)");
        }
        return this;
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query whose first column of the first row is returned as text (null when no row). */
    public String queryOne(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database; a second call does nothing. */
    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
        name = null;
    }

    /** The server's admin JDBC URL (any database the test role may connect to). */
    public static String serverUrl() {
        String url = serverUrl;
        if (url != null) {
            return url;
        }
        synchronized (START_LOCK) {
            if (serverUrl == null) {
                String env = System.getenv("KFM_TEST_JDBC_URL");
                if (env != null && !env.isBlank()) {
                    serverUrl = env;
                } else {
                    serverUrl = TestPostgis.configuredImage().map(i -> TestPostgis.shared(i).adminUrl())
                            .orElseGet(TestDatabase::startLocalCluster);
                }
            }
            return serverUrl;
        }
    }

    static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String params = q < 0 ? "" : url.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static String startLocalCluster() {
        Path script = repoRoot().resolve("bin/local-postgis");
        run(script.toString(), "start");
        return run(script.toString(), "url").strip();
    }

    /** The repository root: the nearest parent of the working directory with a pom.xml. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command).toLowerCase(Locale.ROOT) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
