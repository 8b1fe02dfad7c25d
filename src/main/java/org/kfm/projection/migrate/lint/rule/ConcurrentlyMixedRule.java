package org.kfm.projection.migrate.lint.rule;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.Statement;

/**
 * Statements that cannot run in a transaction block must be alone in their file: Flyway runs such a
 * file without a transaction, but only when nothing else is in it (otherwise it refuses unless
 * {@code mixed=true}, and then the other statements run without a transaction too).
 */
final class ConcurrentlyMixedRule extends BaseRule {
    private static final List<Pattern> NON_TRANSACTIONAL = List.of(
            Pattern.compile("^create (?:unique )?index concurrently\\b"),
            Pattern.compile("^drop index concurrently\\b"),
            Pattern.compile("^reindex\\b.*\\bconcurrently\\b"),
            Pattern.compile("^alter table\\b.*\\bdetach partition\\b.*\\bconcurrently\\b"));

    ConcurrentlyMixedRule() {
        super("concurrently-mixed", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        List<Statement> all = file.script().statements();
        List<Statement> concurrent = all.stream().filter(ConcurrentlyMixedRule::isConcurrent).toList();
        List<Statement> others = all.stream().filter(s -> !isConcurrent(s)).toList();
        if (concurrent.isEmpty() || others.isEmpty()) {
            return;
        }
        for (Statement s : concurrent) {
            out.accept(finding(file.path(), s.line(), "a CONCURRENTLY statement shares the file with "
                            + others.size() + " other statement(s) (first at line " + others.get(0).line()
                            + "); it cannot run inside the transaction Flyway wraps around the rest",
                    "move it into a file of its own; or drop CONCURRENTLY: the shadow schema is not served "
                            + "while it is built, so a plain CREATE INDEX blocks no reader and is faster"));
        }
    }

    private static boolean isConcurrent(Statement s) {
        return NON_TRANSACTIONAL.stream().anyMatch(p -> s.find(p).isPresent());
    }
}
