package org.kfm.projection.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Once-per-database setup, idempotent: PostGIS in a shared schema that every search_path has
 * (projection migrations never create extensions), and the orchestrator's own ops schema with its
 * own Flyway history. An instance remembers its first success and does nothing afterwards, so a
 * process (the service, or one CLI command) migrates the ops schema at most once and its reads
 * never run Flyway; a failed attempt is tried again by the next caller.
 */
public final class DatabaseBootstrap {
    /** Packaged ops migrations. */
    public static final String OPS_MIGRATIONS = "classpath:sql/ops-migrations";

    private final DataSource dataSource;
    private final PgIdentifier opsSchema;
    private final PgIdentifier extensionSchema;
    private final PgIdentifier extension;
    private final Clock clock;
    private final Object once = new Object();
    /** The PostGIS version found by the first run that succeeded; null until then. */
    private volatile String bootstrapped;
    private final AtomicInteger migrationPasses = new AtomicInteger();

    public DatabaseBootstrap(DataSource dataSource, PgIdentifier opsSchema, PgIdentifier extensionSchema,
            Clock clock) {
        this(dataSource, opsSchema, extensionSchema, PgIdentifier.of("postgis"), clock);
    }

    /**
     * @param extension the extension to install: always postgis, except in tests of the server
     *     lacking it, which no server with PostGIS can otherwise show
     */
    DatabaseBootstrap(DataSource dataSource, PgIdentifier opsSchema, PgIdentifier extensionSchema,
            PgIdentifier extension, Clock clock) {
        this.dataSource = dataSource;
        this.opsSchema = opsSchema;
        this.extensionSchema = extensionSchema;
        this.extension = extension;
        this.clock = clock;
    }

    /**
     * @return the PostGIS version installed in the database
     * @throws KfmException rule {@code postgis-not-installed} when the server has no PostGIS package,
     *     {@code extension-privilege} when the role may not create it
     */
    public String run() {
        String done = bootstrapped;
        if (done != null) {
            return done;
        }
        synchronized (once) {
            if (bootstrapped == null) {
                String postgis = ensurePostgis();
                migrationPasses.incrementAndGet();
                new SchemaMigrator(dataSource, MigrationSource.load(OPS_MIGRATIONS), "", clock).migrate(opsSchema,
                        null);
                bootstrapped = postgis;
            }
            return bootstrapped;
        }
    }

    /** Whether a {@link #run()} of this instance has succeeded (the database is set up). */
    public boolean done() {
        return bootstrapped != null;
    }

    /** How many times this instance ran the ops migrations (Flyway): once, unless an attempt failed. */
    public int migrationPasses() {
        return migrationPasses.get();
    }

    /** The newest packaged ops migration: what a current ops schema has applied. */
    public String latestOpsVersion() {
        List<String> versions = new SchemaMigrator(dataSource, MigrationSource.load(OPS_MIGRATIONS), "", clock)
                .availableVersions();
        return versions.get(versions.size() - 1);
    }

    /**
     * Whether an ops schema at {@code applied} is current for this release: at {@code latest} or
     * newer (a later replica migrated it; ops migrations only add).
     */
    public static boolean opsSchemaCurrent(String applied, String latest) {
        return MigrationVersion.fromVersion(applied).compareTo(MigrationVersion.fromVersion(latest)) >= 0;
    }

    private String ensurePostgis() {
        try (Connection c = dataSource.getConnection()) {
            String installed = installedVersion(c);
            if (installed != null) {
                return installed;
            }
            if (!availableOnServer(c)) {
                throw new KfmException(ErrorCode.FAILED, "postgis-not-installed", "PostGIS is not installed on the "
                        + "database server (pg_available_extensions has no " + extension.name() + "), so database "
                        + c.getCatalog() + " cannot have it. Install the PostGIS package for the server's PostgreSQL "
                        + "version on the database host (Debian: postgresql-<major>-postgis-3), then run this again. "
                        + "Nothing was changed");
            }
            try (Statement s = c.createStatement()) {
                // Two first runs at once must not race on CREATE EXTENSION.
                s.execute("SELECT pg_advisory_lock(hashtext('kfm-bootstrap'))");
                try {
                    s.execute("CREATE EXTENSION IF NOT EXISTS " + extension.quoted() + " SCHEMA "
                            + extensionSchema.quoted());
                } finally {
                    s.execute("SELECT pg_advisory_unlock(hashtext('kfm-bootstrap'))");
                }
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    throw new KfmException(ErrorCode.FAILED, "extension-privilege", "role " + currentUser(c)
                            + " may not CREATE EXTENSION " + extension.name() + " in database " + c.getCatalog() + " ("
                            + e.getMessage() + "). PostGIS is installed on the server but not in this database: ask a "
                            + "superuser to run CREATE EXTENSION " + extension.name() + " SCHEMA " + extensionSchema
                            + " once in it, then run this again. Nothing was changed", e);
                }
                throw e;
            }
            return installedVersion(c);
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "bootstrap-failed", "bootstrap failed: " + e.getMessage(), e);
        }
    }

    private String installedVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT extversion FROM pg_extension WHERE extname = ?")) {
            ps.setString(1, extension.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean availableOnServer(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
            ps.setString(1, extension.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
