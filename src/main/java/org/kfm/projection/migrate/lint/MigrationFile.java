package org.kfm.projection.migrate.lint;

import org.kfm.projection.migrate.lint.sql.SqlScript;

/**
 * One SQL file, read and tokenized.
 *
 * @param path   the file as reached from the linted directory
 * @param name   its classified name
 * @param script tokens and statements
 * @param header the leading comment header
 */
public record MigrationFile(String path, MigrationName name, SqlScript script, MigrationHeader header) {

    public static MigrationFile of(String path, MigrationName name, String sql) {
        SqlScript script = SqlScript.parse(sql);
        return new MigrationFile(path, name, script, MigrationHeader.parse(script.tokens()));
    }
}
