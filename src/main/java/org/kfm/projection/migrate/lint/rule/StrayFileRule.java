package org.kfm.projection.migrate.lint.rule;

import java.util.function.Consumer;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationName;
import org.kfm.projection.migrate.lint.MigrationSet;
import org.kfm.projection.migrate.lint.Severity;

/** Entries that are neither migrations nor README.md nor down/: noise that invites mistakes. */
final class StrayFileRule extends BaseRule {
    StrayFileRule() {
        super("stray-file", Severity.WARNING);
    }

    @Override
    public void checkDirectory(MigrationSet set, LintContext context, Consumer<Finding> out) {
        for (MigrationSet.Entry e : set.entries()) {
            if (e.name().kind() == MigrationName.Kind.STRAY) {
                out.accept(finding(e.path(), 0, "'" + e.name().fileName() + "' " + e.name().problem(),
                        "move it out of the migration directory: only NNNN__description.sql files, README.md "
                                + "and down/ belong here"));
            }
        }
    }
}
