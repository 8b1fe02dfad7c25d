package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lint;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.Severity;

class FileNameRuleTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            V0010__x.sql     | Flyway reads 'V0010' as the version and rejects  | 0010__x.sql
            0010_x.sql       | no '__' separator                                | 0010__x.sql
            10__x.sql        | not 4 digits: Flyway would accept it as version 10 | 0010__x.sql
            0010__x.SQL      | Flyway matches .sql ignoring case and would run it | 0010__x.sql
            0010__x.sql.bak  | Flyway skips it silently                          | 0010__x.sql
            0010__Add-Index.sql | not lower-case snake_case                     | 0010__add_index.sql
            R__views.sql     | repeatable migration                              |
            afterMigrate.sql | Flyway callback                                   |
            """)
    void namesFlywayWouldSkipOrRejectAreErrors(String name, String because, String suggestion) {
        write(dir, name, HEADER + "SELECT 1;\n");
        Finding f = assertLines(lint(dir), "file-name", 0).get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(dir.resolve(name).toString(), f.file());
        assertTrue(f.message().contains(because), f.message());
        if (suggestion != null) {
            assertTrue(f.fix().endsWith("/" + suggestion), f.fix());
        }
    }

    @Test
    void conventionalNamesReadmeAndDownFolderPass() {
        write(dir, "0000__bootstrap_check.sql", HEADER + "SELECT 1;\n");
        write(dir, "0010__tables_v2.sql", HEADER + "SELECT 2;\n");
        write(dir, "README.md", "# migrations\n");
        write(dir, "down/0010__tables_v2.down.sql", "this is not even SQL");
        assertClean(lint(dir));
    }
}
