package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lint;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;

class ConcurrentlyMixedRuleTest {
    @TempDir
    Path dir;

    @Test
    void concurrentStatementsMixedWithOthersAreReported() {
        Finding f = assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE TABLE helper (id int);
                CREATE UNIQUE INDEX CONCURRENTLY helper_id ON helper (id);
                REINDEX (VERBOSE) INDEX CONCURRENTLY helper_id;
                """), "concurrently-mixed", 6, 7).get(0);
        assertTrue(f.message().contains("1 other statement(s) (first at line 5)"), f.message());
    }

    @Test
    void concurrentStatementsAloneInTheirFilePass() {
        write(dir, "0010__a.sql", HEADER + "CREATE TABLE helper (id int);\n");
        write(dir, "0020__b.sql", HEADER + """
                -- CREATE TABLE in a comment is not a statement
                CREATE INDEX CONCURRENTLY IF NOT EXISTS helper_id ON helper (id);
                """);
        assertClean(lint(dir));
    }
}
