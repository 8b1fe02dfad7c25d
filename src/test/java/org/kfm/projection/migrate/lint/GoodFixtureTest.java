package org.kfm.projection.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoodFixtureTest {

    @Test
    void realisticProjectionMigrationsLintWithZeroFindings() {
        LintReport report = LintFixtures.lint(LintFixtures.resource("good"));
        LintFixtures.assertClean(report);
        assertEquals(4, report.filesChecked());
    }
}
