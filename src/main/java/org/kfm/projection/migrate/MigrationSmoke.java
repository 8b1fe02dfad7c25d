package org.kfm.projection.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CI smoke test of the migrations: (a) all of them into an empty schema; (b) a second schema
 * to the previous version, a few rows in, then to the latest; (c) both compared object by object;
 * (d) migrating again must apply nothing. Both schemas are dropped afterwards, whatever happened.
 */
public final class MigrationSmoke {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationSmoke.class);

    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private final PgIdentifier extensionSchema;
    private final String n1RowsSql;

    public MigrationSmoke(DataSource dataSource, SchemaMigrator migrator, PgIdentifier extensionSchema,
            String n1RowsSql) {
        this.dataSource = dataSource;
        this.migrator = migrator;
        this.extensionSchema = extensionSchema;
        this.n1RowsSql = n1RowsSql;
    }

    /** Runs the smoke test in schemas {@code <base>_fresh} and {@code <base>_n1}. */
    public SmokeReport run(PgIdentifier base) {
        PgIdentifier fresh = base.suffixed("_fresh");
        PgIdentifier n1 = base.suffixed("_n1");
        List<String> versions = migrator.availableVersions();
        if (versions.isEmpty()) {
            throw new KfmException(ErrorCode.BAD_USAGE, "no-migrations", "no migrations found in "
                    + migrator.source().location());
        }
        String previous = versions.size() > 1 ? versions.get(versions.size() - 2) : null;
        try {
            dropSchemas(fresh, n1);
            LOG.info("smoke (a) fresh: migrating empty schema {} to {}", fresh, versions.get(versions.size() - 1));
            MigrationResult a = migrator.migrate(fresh, null);
            List<AppliedMigration> n1Applied = List.of();
            if (previous != null) {
                LOG.info("smoke (b) N-1: migrating {} to {}, adding rows, then to the latest", n1, previous);
                migrator.migrate(n1, previous);
                insertRows(n1);
                n1Applied = migrator.migrate(n1, null).applied();
            } else {
                LOG.info("smoke (b) N-1: skipped, there is only one version; comparing with a second fresh run");
                migrator.migrate(n1, null);
            }
            LOG.info("smoke (c) comparing {} and {} object by object", fresh, n1);
            SchemaSnapshot left;
            SchemaSnapshot right;
            try (Connection c = dataSource.getConnection()) {
                left = SchemaSnapshot.of(c, fresh);
                right = SchemaSnapshot.of(c, n1);
            }
            SchemaDiff diff = SchemaDiff.between(left, right);
            LOG.info("smoke (d) migrating {} again: nothing may be applied", fresh);
            int reapplied = migrator.migrate(fresh, null).applied().size();
            return new SmokeReport(fresh.name(), n1.name(), a.toVersion(), previous, a.applied(), n1Applied, diff,
                    reapplied, left.objects().size());
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "smoke-failed", "smoke test failed: " + e.getMessage(), e);
        } finally {
            try {
                dropSchemas(fresh, n1);
            } catch (SQLException e) {
                LOG.warn("could not drop smoke schemas {} and {}: {}", fresh, n1, e.getMessage());
            }
        }
    }

    private void insertRows(PgIdentifier schema) throws SQLException {
        if (n1RowsSql == null || n1RowsSql.isBlank()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL search_path TO " + schema.quoted() + ", " + extensionSchema.quoted());
                s.execute(n1RowsSql);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new KfmException(ErrorCode.FAILED, "smoke-rows-failed", "the N-1 rows do not fit schema "
                        + schema + " at the previous version: " + e.getMessage()
                        + ". Update the rows file together with the migrations", e);
            }
        }
    }

    private void dropSchemas(PgIdentifier... schemas) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (PgIdentifier schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE");
            }
        }
    }
}
