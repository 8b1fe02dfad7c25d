package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER_WITH_REBUILD;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintConfig;
import org.kfm.projection.migrate.lint.MigrationLinter;

class HardCodedSchemaRuleTest {
    @TempDir
    Path dir;

    @Test
    void generationSchemaNamesAreReportedWhereverTheyAreCode() {
        List<Finding> f = assertLines(lintOne(dir, "0010__a.sql", HEADER_WITH_REBUILD + """
                CREATE SCHEMA IF NOT EXISTS kfm_index;
                CREATE TABLE "kfm_index_shadow".helper (id int);
                SELECT * FROM kfm_index_prev.helper, KFM_INDEX_RETIRED_12.helper;
                SET search_path TO 'kfm_index, public';
                CREATE VIEW v AS SELECT 1 AS one;
                DO $$ BEGIN
                  EXECUTE 'SELECT 1 FROM kfm_index.helper';
                END $$;
                """), "hard-coded-schema", 6, 7, 8, 8, 9, 12);
        assertEquals("'kfm_index' is a generation schema name", f.get(0).message().substring(0, 39));
    }

    @Test
    void theBaseNameIsConfigurable() {
        write(dir, "0010__a.sql", HEADER + "CREATE TABLE proj.helper (id int);\nSELECT 1 FROM kfm_index.x;\n");
        var report = new MigrationLinter(new LintConfig("proj", Set.of()), BuiltInRules.all()).lint(dir);
        assertLines(report, "hard-coded-schema", 5);
    }

    @Test
    void commentsStringsAndOtherSchemasAreNotReported() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                -- lives in kfm_index once swapped
                /* kfm_index_shadow while built */
                CREATE TABLE helper (id int, note text DEFAULT 'kfm_index');
                COMMENT ON TABLE helper IS 'see kfm_index.helper';
                SELECT public.st_srid(NULL::public.geometry), kfm_index_helper FROM (SELECT 1 AS kfm_index_helper) s;
                """));
    }
}
