package org.kfm.projection.migrate.lint.rule;

import java.util.function.Consumer;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationName;
import org.kfm.projection.migrate.lint.MigrationSet;
import org.kfm.projection.migrate.lint.Severity;

/** Files meant as migrations whose names Flyway would skip or reject, or that break the convention. */
final class FileNameRule extends BaseRule {
    FileNameRule() {
        super("file-name", Severity.ERROR);
    }

    @Override
    public void checkDirectory(MigrationSet set, LintContext context, Consumer<Finding> out) {
        for (MigrationSet.Entry e : set.entries()) {
            MigrationName name = e.name();
            if (name.kind() != MigrationName.Kind.MISNAMED) {
                continue;
            }
            String fix = name.suggestion()
                    .map(s -> "rename it: git mv " + e.path() + " " + set.directory() + "/" + s)
                    .orElse("rename it to NNNN__lower_snake_description.sql (4-digit version, '__', "
                            + "lower-case .sql), or move it out of the directory");
            out.accept(finding(e.path(), 0, "'" + name.fileName() + "' " + name.problem(), fix));
        }
    }
}
