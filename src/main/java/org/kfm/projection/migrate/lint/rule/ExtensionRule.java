package org.kfm.projection.migrate.lint.rule;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.Statement;

/**
 * Extensions are database-wide. Created inside a generation they would live in that generation's
 * schema (and move or vanish with it on swap and prune); dropped or altered, they change every
 * generation at once. The bootstrap step owns them.
 */
final class ExtensionRule extends BaseRule {
    private static final Pattern EXTENSION = Pattern.compile("^(create|alter|drop) extension\\b");

    ExtensionRule() {
        super("extension-statement", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        for (Statement s : file.script().statements()) {
            s.find(EXTENSION).ifPresent(m -> out.accept(finding(file.path(), s.line(),
                    m.result().group(1).toUpperCase(Locale.ROOT) + " EXTENSION in a projection migration: "
                            + "extensions are database-wide and belong to the bootstrap step, not to a generation",
                    "remove it; the bootstrap creates extensions once (CREATE EXTENSION IF NOT EXISTS) in a shared "
                            + "schema that is on every search_path")));
        }
    }
}
