package org.kfm.projection.migrate.lint.rule;

import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnterminatedTokenRuleTest {
    @TempDir
    Path dir;

    @Test
    void anUnclosedDollarQuoteIsReportedWhereItOpens() {
        assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                SELECT 1;
                CREATE FUNCTION kfm_f() RETURNS int LANGUAGE sql AS $body$
                  SELECT 1;
                $bdy$;
                """), "unterminated-token", 6);
    }

    @Test
    void closedTokensPass() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + "SELECT 'a', \"b\", $t$ c $t$ /* d /* e */ */;\n"));
    }
}
