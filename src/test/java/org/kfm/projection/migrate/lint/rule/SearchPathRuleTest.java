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
import org.kfm.projection.migrate.lint.Severity;

class SearchPathRuleTest {
    @TempDir
    Path dir;

    @Test
    void sessionChangesAreErrorsAndRoutineSettingsWarnings() {
        List<Finding> f = assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                SET search_path = public; SET SCHEMA 'public';
                SELECT pg_catalog.set_config('search_path', 'public', false);
                RESET search_path;
                DO $$ BEGIN
                  PERFORM set_config('search_path', 'public', true);
                END $$;
                ALTER DATABASE current SET search_path = public;
                CREATE FUNCTION kfm_one() RETURNS int LANGUAGE sql
                  SET search_path = pg_catalog
                  RETURN 1;
                """), "search-path-change", 5, 5, 6, 7, 9, 11, 13);
        assertEquals(List.of(Severity.ERROR, Severity.ERROR, Severity.ERROR, Severity.ERROR, Severity.ERROR,
                Severity.ERROR, Severity.WARNING), f.stream().map(Finding::severity).toList());
    }

    @Test
    void readingOrMentioningTheSearchPathIsFine() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                -- SET search_path = public;
                SELECT current_setting('search_path'), 'SET search_path = x';
                CREATE TABLE helper (id int);
                ALTER TABLE helper SET SCHEMA helper_archive;
                """));
    }
}
