package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER_WITH_REBUILD;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;

class NondeterministicDefaultRuleTest {
    @TempDir
    Path dir;

    @Test
    void clockAndRandomDefaultsAreReportedWithTheirColumn() {
        List<Finding> f = assertLines(lintOne(dir, "0010__a.sql", HEADER_WITH_REBUILD + """
                CREATE TABLE feature_geom (
                  feature_id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
                  loaded_on  date DEFAULT CURRENT_DATE,
                  updated_at timestamptz NOT NULL DEFAULT now(),
                  jitter     double precision GENERATED ALWAYS AS (random() * 2) STORED
                );
                ALTER TABLE feature_geom ALTER COLUMN updated_at SET DEFAULT clock_timestamp(),
                  ADD COLUMN seen timestamptz DEFAULT (current_timestamp(0));
                """), "nondeterministic-default", 7, 8, 9, 10, 12, 13);
        assertEquals("feature_geom.feature_id DEFAULT uses gen_random_uuid(): a projected row would differ on "
                + "every load", f.get(0).message());
        assertEquals("feature_geom.jitter GENERATED ALWAYS AS uses random()", f.get(3).message().substring(0, 53));
        assertEquals("feature_geom.seen DEFAULT uses current_timestamp", f.get(5).message().substring(0, 48));
    }

    @Test
    void constantDefaultsAndClockFunctionsOutsideDefaultsPass() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE TABLE helper (
                  note text DEFAULT 'now()',
                  n int NOT NULL DEFAULT 0,
                  now_ish timestamptz
                );
                SELECT now(), random();
                """));
    }
}
