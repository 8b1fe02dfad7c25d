package org.kfm.projection.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.migrate.lint.HeaderField;
import org.kfm.projection.migrate.lint.MigrationHeader;
import org.kfm.projection.migrate.lint.sql.SqlScript;

/**
 * Applies the migrations of one {@link MigrationSource} to any named schema with Flyway, keeping
 * the history table inside that schema so it travels with the generation on swap.
 *
 * <p>Flyway is configured in code because its defaults would hide mistakes here: the seed's
 * naming ({@code 0010__name.sql}, no {@code V}) needs an empty prefix, which Quarkus ignores when
 * set as a blank property; naming validation makes a misnamed file fail instead of being skipped;
 * and PostgreSQL's transactional lock must be off or {@code CREATE INDEX CONCURRENTLY} hangs.
 */
public final class SchemaMigrator {
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private final DataSource dataSource;
    private final MigrationSource source;
    private final String prefix;
    private final Clock clock;

    /**
     * @param prefix the versioned-migration prefix: {@code ""} for projection migrations
     */
    public SchemaMigrator(DataSource dataSource, MigrationSource source, String prefix, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.source = Objects.requireNonNull(source);
        this.prefix = Objects.requireNonNull(prefix);
        this.clock = Objects.requireNonNull(clock);
    }

    public MigrationSource source() {
        return source;
    }

    /**
     * Migrates {@code schema} (created when missing) to {@code target}, or to the latest version.
     *
     * @throws org.kfm.projection.error.KfmException with an explanation of what to do when Flyway
     *     or the database refuses
     */
    public MigrationResult migrate(PgIdentifier schema, String target) {
        Instant start = clock.instant();
        Flyway flyway = flyway(schema, checkedTarget(schema, target));
        try {
            String from = currentVersion(flyway);
            MigrateResult result = flyway.migrate();
            List<AppliedMigration> applied = new ArrayList<>();
            result.migrations.forEach(m -> applied.add(new AppliedMigration(m.version, m.description,
                    m.filepath, null, sha256(scriptName(m.filepath)))));
            String to = currentVersion(flyway);
            return new MigrationResult(schema.name(), from, to, withChecksums(flyway, applied),
                    Duration.between(start, clock.instant()));
        } catch (FlywayException e) {
            throw MigrationErrors.translate(e, schema, source, failureSite(flyway));
        }
    }

    /** Where a failed run stopped; best effort, since the failure may keep Flyway from answering too. */
    private FailureSite failureSite(Flyway flyway) {
        String version = null;
        String script = null;
        try {
            for (MigrationInfo i : flyway.info().all()) {
                MigrationState state = i.getState();
                if (i.getVersion() != null && state.isApplied() && !state.isFailed()) {
                    version = i.getVersion().getVersion();
                } else if (script == null && i.getVersion() != null && (state.isFailed() || !state.isApplied())) {
                    script = scriptName(i.getScript());
                }
            }
        } catch (FlywayException e) {
            // e.g. misnamed files: that message needs no site
        }
        String role = null;
        try (Connection c = dataSource.getConnection()) {
            role = DatabaseBootstrap.currentUser(c);
        } catch (SQLException e) {
            // the message then says "the migrating role"
        }
        return new FailureSite(role, version, script);
    }

    /**
     * The target as given, or null for the latest. Checked here because Flyway reports a malformed
     * target in the words it uses for a misnamed file, and an unknown one without saying which exist.
     */
    private String checkedTarget(PgIdentifier schema, String target) {
        if (target == null || target.equalsIgnoreCase("latest")) {
            return null;
        }
        MigrationVersion wanted;
        try {
            wanted = MigrationVersion.fromVersion(target);
        } catch (FlywayException e) {
            wanted = null;
        }
        if (wanted == null || wanted.isPredefined()) {
            throw new UsageException("invalid-target", "target '" + target + "' is not a migration version: use "
                    + "the number of a migration file (e.g. 0030 for 0030__name.sql) or latest");
        }
        List<String> available = availableVersions();
        if (available.stream().map(MigrationVersion::fromVersion).noneMatch(wanted::equals)) {
            throw new UsageException("unknown-target", "no migration has version " + target + " in "
                    + source.location() + " (versions: " + String.join(", ", available)
                    + "); nothing was applied to schema " + schema);
        }
        return target;
    }

    /** The migrations recorded in {@code schema}'s history (empty when it has none). */
    public List<AppliedMigration> history(PgIdentifier schema) {
        try {
            List<AppliedMigration> out = new ArrayList<>();
            for (MigrationInfo i : flyway(schema, null).info().applied()) {
                if (i.getVersion() != null) {
                    out.add(new AppliedMigration(i.getVersion().getVersion(), i.getDescription(), i.getScript(),
                            i.getChecksum(), sha256(i.getScript())));
                }
            }
            return out;
        } catch (FlywayException e) {
            throw MigrationErrors.translate(e, schema, source, FailureSite.UNKNOWN);
        }
    }

    /**
     * Versions the source offers, oldest first. Names Flyway would reject are left out here; a
     * migrate call reports them.
     */
    public List<String> availableVersions() {
        List<MigrationVersion> versions = new ArrayList<>();
        for (MigrationScript script : source.scripts()) {
            String name = script.filename();
            int sep = name.indexOf("__");
            if (name.startsWith(prefix) && sep > prefix.length()) {
                try {
                    versions.add(MigrationVersion.fromVersion(name.substring(prefix.length(), sep)));
                } catch (FlywayException e) {
                    // not a version: the migrate call's naming validation names the file
                }
            }
        }
        return versions.stream().sorted().map(MigrationVersion::getVersion).toList();
    }

    /**
     * The source's migrations newer than {@code version} (all of them when it is null), oldest first,
     * each with its header's {@code Rebuild:} note. Reads files only.
     */
    public List<PendingMigration> newerThan(String version) {
        MigrationVersion from = version == null ? null : MigrationVersion.fromVersion(version);
        List<PendingMigration> out = new ArrayList<>();
        for (String v : availableVersions()) {
            MigrationVersion mv = MigrationVersion.fromVersion(v);
            if (from != null && mv.compareTo(from) <= 0) {
                continue;
            }
            for (MigrationScript s : source.scripts()) {
                int sep = s.filename().indexOf("__");
                if (s.filename().startsWith(prefix) && sep > prefix.length() && mv.equals(versionOf(s, sep))) {
                    out.add(new PendingMigration(v, s.filename(), MigrationHeader.parse(SqlScript.parse(s.sql())
                            .tokens()).get(HeaderField.REBUILD).map(MigrationHeader.Entry::value)));
                }
            }
        }
        return out;
    }

    private MigrationVersion versionOf(MigrationScript s, int sep) {
        try {
            return MigrationVersion.fromVersion(s.filename().substring(prefix.length(), sep));
        } catch (FlywayException e) {
            return null;
        }
    }

    private List<AppliedMigration> withChecksums(Flyway flyway, List<AppliedMigration> applied) {
        List<AppliedMigration> out = new ArrayList<>();
        MigrationInfo[] all = flyway.info().applied();
        for (AppliedMigration a : applied) {
            Integer crc = null;
            for (MigrationInfo i : all) {
                if (i.getVersion() != null && i.getVersion().getVersion().equals(a.version())) {
                    crc = i.getChecksum();
                }
            }
            out.add(new AppliedMigration(a.version(), a.description(), scriptName(a.script()), crc, a.sha256()));
        }
        return out;
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    private String sha256(String script) {
        MigrationScript s = script == null ? null : source.script(scriptName(script));
        return s == null ? null : s.sha256();
    }

    private static String scriptName(String path) {
        return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    }

    private Flyway flyway(PgIdentifier schema, String target) {
        FluentConfiguration config = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema.name())
                .defaultSchema(schema.name())
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .resourceProvider(new ScriptResourceProvider(source))
                .sqlMigrationPrefix(prefix)
                .sqlMigrationSeparator("__")
                .sqlMigrationSuffixes(".sql")
                .validateMigrationNaming(true)
                .placeholderReplacement(false)
                .cleanDisabled(true)
                .failOnMissingLocations(false)
                .locations(new String[0]);
        if (target != null) {
            config.target(target);
        }
        config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return config.load();
    }
}
