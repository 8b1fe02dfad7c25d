package org.kfm.projection.migrate.lint.rule;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kfm.projection.migrate.lint.LintFixtures.HEADER;
import static org.kfm.projection.migrate.lint.LintFixtures.assertClean;
import static org.kfm.projection.migrate.lint.LintFixtures.assertLines;
import static org.kfm.projection.migrate.lint.LintFixtures.lint;
import static org.kfm.projection.migrate.lint.LintFixtures.lintOne;
import static org.kfm.projection.migrate.lint.LintFixtures.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.migrate.lint.Finding;

class StringBodyFunctionRuleTest {
    @TempDir
    Path dir;

    @Test
    void plpgsqlAndStringBodiedSqlFunctionsReadingProjectionTablesAreErrors() {
        List<Finding> f = assertLines(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE OR REPLACE FUNCTION kfm_count(p text) RETURNS bigint
                LANGUAGE plpgsql STABLE AS $fn$
                BEGIN
                  RETURN (SELECT count(*) FROM feature_geom WHERE dataset_version_id = p);
                END
                $fn$;
                CREATE FUNCTION kfm_versions() RETURNS SETOF text LANGUAGE sql
                AS 'SELECT dataset_version_id
                    FROM dataset_version';
                CREATE PROCEDURE kfm_dyn() LANGUAGE plpgsql AS $$
                BEGIN EXECUTE format('ANALYZE %I', 'feature_geom'); END $$;
                """), "string-body-function", 8, 13, 15);
        assertTrue(f.get(0).message().startsWith("function kfm_count (LANGUAGE plpgsql, string body) reads "
                + "projection table(s) feature_geom (line 8)"), f.get(0).message());
        assertTrue(f.get(1).message().contains("dataset_version (line 13)"), f.get(1).message());
        assertTrue(f.get(0).fix().contains("BEGIN ATOMIC bodies bind by OID"), f.get(0).fix());
    }

    @Test
    void tablesCreatedByEarlierMigrationsCountAsProjectionTables() {
        write(dir, "0010__a.sql", HEADER + "CREATE TABLE tile_cache (z int);\n");
        write(dir, "0020__b.sql", HEADER + """
                CREATE FUNCTION kfm_tiles() RETURNS bigint LANGUAGE sql
                AS $$ SELECT count(*) FROM tile_cache $$;
                """);
        assertLines(lint(dir), "string-body-function", 6);
    }

    @Test
    void beginAtomicBodiesAndTableFreeStringBodiesPass() {
        assertClean(lintOne(dir, "0010__a.sql", HEADER + """
                CREATE TABLE helper (id int);
                CREATE FUNCTION kfm_helper_count() RETURNS bigint LANGUAGE sql STABLE
                BEGIN ATOMIC
                  SELECT count(*) FROM helper;
                END;
                CREATE FUNCTION kfm_double(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE
                AS $$ BEGIN RETURN 2 * x; /* not feature_geom */ END $$;
                CREATE FUNCTION kfm_triple(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN 3 * x;
                """));
    }
}
