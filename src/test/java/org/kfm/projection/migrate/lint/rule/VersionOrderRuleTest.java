package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lint;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;

class VersionOrderRuleTest {
    @TempDir
    Path dir;

    @Test
    void duplicateVersionsAreReportedOnTheSecondFile() {
        write(dir, "0010__a.sql", HEADER + "SELECT 1;\n");
        write(dir, "0010__b.sql", HEADER + "SELECT 2;\n");
        write(dir, "0020__c.sql", HEADER + "SELECT 3;\n");
        Finding f = assertLines(lint(dir), "version-order", 0).get(0);
        assertTrue(f.file().endsWith("0010__b.sql"), f.file());
        assertTrue(f.message().contains("also the version of '0010__a.sql'"), f.message());
        assertTrue(f.fix().contains("0030"), f.fix());
    }

    @Test
    void versionsCompareNumericallyAsFlywayDoes() {
        write(dir, "0010__a.sql", HEADER + "SELECT 1;\n");
        write(dir, "10__b.sql", HEADER + "SELECT 2;\n");
        Finding f = assertLines(lint(dir), "version-order", 0).get(0);
        assertTrue(f.message().contains("version 10"), f.message());
    }

    @Test
    void nameOrderThatDisagreesWithVersionOrderIsReported() {
        write(dir, "0100__a.sql", HEADER + "SELECT 1;\n");
        write(dir, "40__b.sql", HEADER + "SELECT 2;\n");
        Finding f = assertLines(lint(dir), "version-order", 0).get(0);
        assertTrue(f.message().contains("'40__b.sql' sorts after '0100__a.sql'"), f.message());
    }

    @Test
    void strictlyIncreasingVersionsPass() {
        write(dir, "0000__a.sql", HEADER + "SELECT 1;\n");
        write(dir, "0010__b.sql", HEADER + "SELECT 2;\n");
        write(dir, "0011__c.sql", HEADER + "SELECT 3;\n");
        assertClean(lint(dir));
    }
}
