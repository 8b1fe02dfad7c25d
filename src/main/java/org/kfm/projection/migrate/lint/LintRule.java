package org.kfm.projection.migrate.lint;

import java.util.function.Consumer;

/**
 * One check over a migration directory. A rule looks either at the directory as a whole (names,
 * versions, stray files) or at one file at a time; it reports findings and never throws for a
 * problem in the migrations themselves.
 */
public interface LintRule {

    /** Stable kebab-case id, printed with every finding and used in documentation. */
    String id();

    /** Checks the directory listing. Does nothing unless the rule is about names or order. */
    default void checkDirectory(MigrationSet set, LintContext context, Consumer<Finding> out) {
    }

    /** Checks one SQL file. Does nothing unless the rule is about file contents. */
    default void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
    }
}
