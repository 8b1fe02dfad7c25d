package org.kfm.projection.migrate.lint.rule;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.Statement;
import org.kfm.projection.migrate.lint.sql.TokenType;

/**
 * Flyway runs each migration in its own transaction and records it in the history table inside that
 * transaction. A {@code COMMIT} in the file ends Flyway's transaction early, so a later failure
 * leaves half a migration applied and unrecorded; {@code BEGIN} only warns and nests nothing. The
 * {@code END} of a {@code BEGIN ATOMIC} body is part of its CREATE FUNCTION statement and never
 * starts a statement, so it is not reported.
 */
final class TransactionControlRule extends BaseRule {
    private static final Set<String> CONTROL = Set.of(
            "begin", "commit", "rollback", "end", "abort", "savepoint", "release");

    TransactionControlRule() {
        super("transaction-control", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        for (Statement s : file.script().statements()) {
            boolean control = s.token(0).type() == TokenType.WORD && CONTROL.contains(s.token(0).value())
                    || s.startsWith("start", "transaction") || s.startsWith("prepare", "transaction")
                    || s.startsWith("commit", "prepared") || s.startsWith("rollback", "prepared");
            if (control) {
                String shown = s.tokens().stream().limit(2).map(t -> t.text().toUpperCase(Locale.ROOT))
                        .filter(w -> !w.isBlank()).collect(Collectors.joining(" "));
                out.accept(finding(file.path(), s.line(), "'" + shown + "' controls the transaction, which "
                                + "Flyway owns: it runs each file in one transaction and records it there",
                        "remove it; for CREATE INDEX CONCURRENTLY, put that statement alone in its own file and "
                                + "Flyway runs the file without a transaction"));
            }
        }
    }
}
