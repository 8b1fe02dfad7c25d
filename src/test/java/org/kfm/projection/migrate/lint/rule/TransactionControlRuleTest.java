package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;

class TransactionControlRuleTest {
    @TempDir
    Path dir;

    @Test
    void explicitTransactionControlIsReportedAtEachStatement() {
        List<Finding> f = assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                BEGIN;
                CREATE TABLE a (id int);
                COMMIT;
                START TRANSACTION;
                SAVEPOINT s; ROLLBACK TO s;
                END;
                """), "transaction-control", 5, 7, 8, 9, 9, 10);
        assertEquals("'BEGIN' controls", f.get(0).message().substring(0, 16));
    }

    @Test
    void beginAtomicBodiesAndDoBlocksAreNotTransactionControl() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE TABLE a (id int);
                CREATE FUNCTION kfm_a_count() RETURNS bigint LANGUAGE sql
                BEGIN ATOMIC
                  SELECT count(*) FROM a;
                END;
                DO $$ BEGIN PERFORM 1; END $$;
                -- COMMIT;
                """));
    }
}
