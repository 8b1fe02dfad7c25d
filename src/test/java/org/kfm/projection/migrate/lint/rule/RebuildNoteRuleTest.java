package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER_WITH_REBUILD;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lint;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintConfig;
import org.kfm.projection.migrate.lint.MigrationLinter;

class RebuildNoteRuleTest {
    @TempDir
    Path dir;

    @Test
    void schemaChangesToBuilderTablesNeedARebuildNote() {
        Finding f = assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE TABLE unrelated (id int);

                ALTER TABLE ONLY feature_geom ADD COLUMN label text;
                CREATE INDEX ON kfm_x.dataset_version (dataset_id);
                """), "rebuild-note-missing", 7).get(0);
        assertTrue(f.message().endsWith("ALTER TABLE on feature_geom (line 7), CREATE INDEX on dataset_version "
                + "(line 8)"), f.message());
    }

    @Test
    void droppingAnIndexIsTracedToItsTableAcrossFiles() {
        write(dir, "0010__a.sql", HEADER_WITH_REBUILD + "CREATE INDEX fg_geom ON feature_geom USING gist (geom);\n");
        write(dir, "0020__b.sql", """
                -- Purpose: p
                -- Risk: medium
                -- Rollback: scripted — rerun 0010
                -- Notes: n
                DROP INDEX fg_geom;
                """);
        assertLines(lint(dir), "rebuild-note-missing", 5);
    }

    @Test
    void aRebuildNoteOrAnotherTablePasses() {
        write(dir, "0010__a.sql", HEADER_WITH_REBUILD + "ALTER TABLE feature_geom ADD COLUMN label text;\n");
        write(dir, "0020__b.sql", HEADER + "CREATE TABLE helper (id int);\nCREATE INDEX ON helper (id);\n");
        assertClean(lint(dir));
    }

    @Test
    void theBuilderTablesAreConfigurable() {
        write(dir, "0010__a.sql", HEADER + "CREATE TABLE helper (id int);\n");
        var config = new LintConfig(LintConfig.DEFAULT_SCHEMA_BASE, Set.of("helper"));
        var report = new MigrationLinter(config, BuiltInRules.all()).lint(dir);
        assertLines(report, "rebuild-note-missing", 5);
    }
}
