package org.kfm.projection.migrate;

import java.sql.SQLException;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** Turns Flyway's and PostgreSQL's refusals into errors that say what to do. */
final class MigrationErrors {
    private MigrationErrors() {
    }

    static KfmException translate(FlywayException e, PgIdentifier schema, MigrationSource source, FailureSite site) {
        String msg = String.valueOf(e.getMessage());
        String where = " (schema " + schema + ", migrations " + source.location() + ")";
        if (msg.contains("Invalid SQL filenames") || msg.contains("Invalid version")
                || msg.contains("Wrong migration name format") || msg.contains("Invalid migration")) {
            return new KfmException(ErrorCode.BAD_USAGE, "misnamed-migration", "Flyway cannot read a version from "
                    + details(msg, "Invalid versioned migration name format: ") + where + ". Nothing was applied. "
                    + "Name migrations NNNN__description.sql (no V prefix, two underscores, .sql); "
                    + "run kfm-projection lint to see every file Flyway would reject", e);
        }
        if (msg.contains("both transactional and non-transactional")) {
            // Flyway's message names the statement and line but not the file.
            return new KfmException(ErrorCode.FAILED, "concurrently-mixed", site.script()
                    + " mixes statements that must run outside a transaction with others: " + firstLine(msg) + where
                    + ". Nothing of it was applied; the schema stays " + site.version() + ". Put CREATE INDEX "
                    + "CONCURRENTLY alone in its own migration file (Flyway then runs that file outside a "
                    + "transaction), or drop CONCURRENTLY: the shadow schema being built has no readers", e);
        }
        if (msg.contains("Validate failed") || msg.contains("checksum mismatch")) {
            return new KfmException(ErrorCode.FAILED, "migration-changed", firstLine(msg) + where
                    + ". An applied migration was edited; restore it and add a new migration instead", e);
        }
        SQLException sql = sqlCause(e);
        return sql == null ? new KfmException(ErrorCode.FAILED, "migration-failed", msg + where, e)
                : fromSql(e, sql, where, site);
    }

    /** A statement of a migration file was refused by PostgreSQL. */
    private static KfmException fromSql(FlywayException e, SQLException sql, String where, FailureSite site) {
        String state = String.valueOf(sql.getSQLState());
        String stays = ". The schema stays " + site.version() + ": migrations before " + site.script()
                + " stay applied";
        if ("25001".equals(state)) {
            return new KfmException(ErrorCode.FAILED, "concurrently-in-transaction", site.script() + ": "
                    + sql.getMessage() + where + stays + ". Move the statement into its own migration file "
                    + "without BEGIN/COMMIT", e);
        }
        if ("42501".equals(state)) {
            return new KfmException(ErrorCode.FAILED, "permission-denied", site.roleName() + " was refused in "
                    + site.script() + ": " + sql.getMessage() + where + stays + ". Grant " + site.roleName()
                    + " the privilege on the object named above, or migrate as that object's owner (for the "
                    + "schema itself: GRANT USAGE, CREATE ON SCHEMA ... TO ...)", e);
        }
        if ("42704".equals(state) && sql.getMessage().contains("geometry")) {
            return new KfmException(ErrorCode.FAILED, "postgis-missing", site.script() + ": " + sql.getMessage()
                    + where + ". PostGIS is not installed in this database or its schema is not on the "
                    + "search_path: run kfm-projection migrate once as a role that may CREATE EXTENSION postgis", e);
        }
        return new KfmException(ErrorCode.FAILED, "migration-failed", site.script() + " failed: "
                + sql.getMessage() + " (SQLSTATE " + state + ")" + where + stays, e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * The lines after Flyway's headline, joined with "; " and without {@code prefix}: Flyway puts
     * the facts (file names, versions) there, one per line.
     */
    private static String details(String msg, String prefix) {
        String details = msg.strip().lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l)
                .collect(Collectors.joining("; "));
        return details.isEmpty() ? firstLine(msg) : details;
    }

    private static String firstLine(String msg) {
        return msg.strip().lines().findFirst().orElse(msg);
    }
}
