package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionRuleTest {
    @TempDir
    Path dir;

    @Test
    void extensionStatementsAreErrors() {
        var f = assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE EXTENSION IF NOT EXISTS postgis;
                ALTER EXTENSION postgis UPDATE;
                """), "extension-statement", 5, 6);
        assertTrue(f.get(0).message().startsWith("CREATE EXTENSION in a projection migration"), f.get(0).message());
    }

    @Test
    void usingAnExtensionIsFine() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                -- CREATE EXTENSION postgis; is the bootstrap's job
                SELECT postgis_version(), 'CREATE EXTENSION x';
                """));
    }
}
