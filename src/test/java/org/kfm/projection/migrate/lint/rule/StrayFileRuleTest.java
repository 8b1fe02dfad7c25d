package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.findings;
import static org.kfm.projection.migrate.lint.LintFixtures.lint;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintReport;
import org.kfm.projection.migrate.lint.Severity;

class StrayFileRuleTest {
    @TempDir
    Path dir;

    @Test
    void nonMigrationFilesAndOtherSubdirectoriesAreWarnings() {
        write(dir, "0010__a.sql", HEADER + "SELECT 1;\n");
        write(dir, "notes.txt", "todo");
        write(dir, "old/0005__x.sql", "SELECT 1;");
        LintReport report = lint(dir);
        List<Finding> stray = findings(report, "stray-file");
        assertEquals(List.of("notes.txt", "old"), stray.stream()
                .map(f -> Path.of(f.file()).getFileName().toString()).toList());
        assertEquals(List.of(0, 0), stray.stream().map(Finding::line).toList());
        assertEquals(Severity.WARNING, stray.get(0).severity());
        assertFalse(report.hasErrors(), "warnings alone do not fail the lint");
    }

    @Test
    void readmeGitkeepAndDownArePartOfTheConvention() {
        write(dir, "0010__a.sql", HEADER + "SELECT 1;\n");
        write(dir, "README.md", "#");
        write(dir, ".gitkeep", "");
        write(dir, "down/0010__a.down.sql", "SELECT 1;");
        assertClean(lint(dir));
    }
}
