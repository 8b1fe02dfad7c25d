package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintReport;
import org.kfm.projection.migrate.lint.Severity;

class HeaderRulesTest {
    @TempDir
    Path dir;

    @Test
    void missingFieldsAreNamedOnLineOne() {
        LintReport r = lintOne(dir, "0010__a.sql", """
                -- Purpose: something
                -- Risk: low
                SELECT 1;
                """);
        Finding f = assertLines(r, "header-missing", 1).get(0);
        assertTrue(f.message().startsWith("header lacks Rollback, Notes (the header is"), f.message());
        assertTrue(f.fix().contains("-- Rollback: none|manual|scripted"), f.fix());
    }

    @Test
    void fieldsAfterTheFirstStatementAreNotTheHeader() {
        LintReport r = lintOne(dir, "0010__a.sql", """
                -- Purpose: something
                SELECT 1;
                -- Risk: low
                -- Rollback: none
                -- Notes: late
                """);
        assertTrue(assertLines(r, "header-missing", 1).get(0).message().startsWith("header lacks Risk, Rollback, Notes"));
    }

    @Test
    void templatePlaceholdersCountAsMissing() {
        LintReport r = lintOne(dir, "0010__a.sql", """
                -- Purpose: <one sentence>
                -- Risk: <low|medium|high>  Rollback: <none|manual|scripted>
                -- Notes:
                SELECT 1;
                """);
        Finding f = assertLines(r, "header-missing", 1).get(0);
        assertTrue(f.message().startsWith("header field(s) Purpose, Risk, Rollback, Notes still empty or the "
                + "template's <...> placeholder"), f.message());
    }

    @Test
    void riskAndRollbackOnOneLineAndContinuationLinesAreAccepted() {
        assertClean(lintOne(dir, "0010__a.sql", """
                -- 0010__a.sql
                -- Purpose: a realistic header
                -- Risk: medium  Rollback: scripted — down/0010__a.down.sql
                -- Notes: rewrites nothing;
                --   takes no lock worth mentioning
                SELECT 1;
                """));
    }

    @Test
    void unknownRiskAndRollbackKeywordsAreErrorsAtTheirLines() {
        LintReport r = lintOne(dir, "0010__a.sql", """
                -- Purpose: p
                -- Notes: n
                -- Risk: moderate
                -- Rollback: maybe
                SELECT 1;
                """);
        assertLines(r, "header-invalid", 3, 4);
    }

    @Test
    void aRollbackWithoutHowIsAWarning() {
        LintReport r = lintOne(dir, "0010__a.sql", """
                -- Purpose: p
                -- Risk: high
                -- Rollback: manual
                -- Notes: n
                SELECT 1;
                """);
        assertEquals(Severity.WARNING, assertLines(r, "header-invalid", 3).get(0).severity());
    }
}
