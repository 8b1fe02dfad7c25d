package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintReport;

class DestructiveChangeRuleTest {
    @TempDir
    Path dir;

    @Test
    void dropTruncateDeleteAndTypeChangesNeedDeclaredRisk() {
        LintReport r = lintOne(dir, "0010__a.sql", HEADER + """
                DROP TABLE IF EXISTS old_a, old_b CASCADE;
                TRUNCATE scratch;
                WITH gone AS (
                  DELETE FROM scratch RETURNING 1) SELECT count(*) FROM gone;
                ALTER TABLE scratch DROP COLUMN note;
                ALTER TABLE scratch
                  ALTER COLUMN id TYPE smallint;
                DROP INDEX scratch_idx;
                """);
        List<Finding> f = assertLines(r, "destructive-change", 5, 6, 8, 9, 11, 12);
        assertEquals("DROP TABLE old_a, old_b is destructive but the header has Risk: low, Rollback: none",
                f.get(0).message());
        assertTrue(f.get(4).message().startsWith("ALTER TABLE scratch ALTER COLUMN ... TYPE"), f.get(4).message());
    }

    @Test
    void aDeclaredRiskAndRollbackAllowThem() {
        assertClean(lintOne(dir, "0010__a.sql", """
                -- Purpose: remove the scratch table
                -- Risk: high
                -- Rollback: manual — recreate from 0005 and rebuild
                -- Notes: drops data that a rebuild restores
                DROP TABLE scratch;
                """));
    }

    @Test
    void constraintsDefaultsAndCommentsAreNotDestructive() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                -- DROP TABLE scratch;  (a comment)
                /* TRUNCATE scratch; */
                ALTER TABLE scratch ALTER COLUMN note DROP DEFAULT, ALTER COLUMN note DROP NOT NULL;
                ALTER TABLE scratch DROP CONSTRAINT scratch_note_check;
                COMMENT ON TABLE scratch IS 'never DELETE FROM scratch';
                CREATE FUNCTION kfm_clear(p text) RETURNS void LANGUAGE sql
                BEGIN ATOMIC
                  DELETE FROM scratch WHERE note = p;
                END;
                """));
    }
}
