package org.kfm.projection.migrate;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** Turns Flyway's and PostgreSQL's refusals into errors that say what to do. */
final class MigrationErrors {
    private static final Pattern ADVICE = Pattern.compile("^(Either revert|To ignore|To allow|Need more flexibility|"
            + "Please remove|Please restore|If you removed)");
    /** A version Flyway names: "... migration version 0020", "... not applied to database: 0015." */
    private static final Pattern VERSION = Pattern.compile("(version |database: |locally: )(\\d+(\\.\\d+)*)");
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
            return fromValidation(e, msg, where, source);
        }
        SQLException sql = sqlCause(e);
        return sql == null ? new KfmException(ErrorCode.FAILED, "migration-failed", msg + where, e)
                : fromSql(e, sql, where, site);
    }

    /**
     * The schema's history disagrees with the files. Flyway's headline ("Migrations have failed
     * validation") says nothing; the lines below it say which version and how.
     */
    private static KfmException fromValidation(FlywayException e, String msg, String where, MigrationSource source) {
        String facts = validationFacts(msg, source) + where + ". Nothing was applied. ";
        if (msg.contains("checksum mismatch") || msg.contains("description mismatch")
                || msg.contains("type mismatch")) {
            return new KfmException(ErrorCode.FAILED, "migration-changed", "an applied migration was edited or "
                    + "renamed: " + facts + "Restore the file exactly as it was applied and put the change in a new "
                    + "migration with a higher version", e);
        }
        if (msg.contains("resolved migration not applied")) {
            return new KfmException(ErrorCode.FAILED, "migration-out-of-order", "a migration is numbered below "
                    + "versions the schema already has: " + facts + "Flyway applies only newer versions: give it "
                    + "a version above the schema's latest", e);
        }
        if (msg.contains("applied migration not resolved")) {
            return new KfmException(ErrorCode.FAILED, "migration-missing", "the file of an applied migration is "
                    + "gone: " + facts + "Restore it; migrations are never deleted once applied (undo a change "
                    + "with a new migration)", e);
        }
        return new KfmException(ErrorCode.FAILED, "migration-validation-failed", facts
                + "The schema's history does not match the migration files", e);
    }

    /**
     * Flyway's validation lines without its advice, which does not fit a generation schema (repair,
     * ignore patterns, a link), and with the file of each version named.
     */
    private static String validationFacts(String msg, MigrationSource source) {
        String facts = msg.strip().lines().skip(1).map(l -> l.strip().replaceFirst("^-> ", "").replaceAll(" +:", ":"))
                .filter(l -> !l.isEmpty() && !ADVICE.matcher(l).find())
                .collect(Collectors.joining("; "));
        Matcher m = VERSION.matcher(facts);
        StringBuilder named = new StringBuilder();
        while (m.find()) {
            String file = source.scripts().stream().map(MigrationScript::filename)
                    .filter(f -> f.startsWith(m.group(2) + "__")).findFirst().orElse(null);
            m.appendReplacement(named, Matcher.quoteReplacement(m.group() + (file == null ? "" : " (" + file + ")")));
        }
        m.appendTail(named);
        return named.isEmpty() ? firstLine(msg) : named.toString().replaceAll("\\.(?=;|$)", "");
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
