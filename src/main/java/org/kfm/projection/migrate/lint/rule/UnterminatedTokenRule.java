package org.kfm.projection.migrate.lint.rule;

import java.util.function.Consumer;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.TokenProblem;

/**
 * A string, quoted identifier, dollar quote or block comment that is never closed swallows the rest
 * of the file: the server rejects it, and every other rule would be reading the wrong text.
 */
final class UnterminatedTokenRule extends BaseRule {
    UnterminatedTokenRule() {
        super("unterminated-token", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        for (TokenProblem p : file.script().problems()) {
            out.accept(finding(file.path(), p.line(), p.message(),
                    "close it; until then the rest of the file is read as part of it"));
        }
    }
}
