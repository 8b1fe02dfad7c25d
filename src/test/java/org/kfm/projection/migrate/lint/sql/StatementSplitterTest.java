package org.kfm.projection.migrate.lint.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<Statement> split(String sql) {
        return SqlScript.parse(sql).statements();
    }

    @Test
    void semicolonsInsideStringsDollarQuotesAndCommentsDoNotSplit() {
        List<Statement> s = split("""
                SELECT 'a;b';
                DO $$ BEGIN PERFORM 1; END $$;
                /* ; */ -- ;
                SELECT E'\\';' ;
                """);
        assertEquals(3, s.size());
        assertEquals(List.of(1, 2, 4), s.stream().map(Statement::line).toList());
    }

    @Test
    void beginAtomicBodyWithSeveralStatementsIsOneStatement() {
        List<Statement> s = split("""
                CREATE OR REPLACE FUNCTION kfm_touch(id text) RETURNS void
                LANGUAGE sql
                BEGIN ATOMIC
                  DELETE FROM t WHERE t.id = kfm_touch.id;
                  INSERT INTO t VALUES (id, CASE WHEN id = '' THEN 'empty' ELSE 'set' END);
                  SELECT CASE WHEN true THEN 1 END;
                END;
                SELECT 2;
                """);
        assertEquals(2, s.size());
        assertEquals(1, s.get(0).line());
        assertEquals(8, s.get(1).line());
        assertEquals("end", s.get(0).token(s.get(0).size() - 1).value());
    }

    @Test
    void procedureBodiesAreTrackedToo() {
        assertEquals(2, split("CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; SELECT 2; END; COMMIT;").size());
    }

    @Test
    void beginOutsideARoutineIsAStatementOfItsOwn() {
        List<Statement> s = split("BEGIN;\nCREATE TABLE t (a int);\nEND;");
        assertEquals(List.of("begin", "create table t ( a int )", "end"),
                s.stream().map(Statement::normalized).toList());
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() {
        assertEquals(1, split("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)").size());
    }

    @Test
    void emptyStatementsAndATrailingStatementWithoutSemicolon() {
        List<Statement> s = split(";;\n  ;SELECT 1;\n\nSELECT 2");
        assertEquals(List.of(2, 4), s.stream().map(Statement::line).toList());
    }

    @Test
    void normalizedTextHidesStringsAndJoinsQualifiedNames() {
        Statement s = split("Create Table IF NOT EXISTS kfm_index . \"Feature\" (note text DEFAULT 'x;y');").get(0);
        assertEquals("create table if not exists kfm_index.\"Feature\" ( note text default <string> )",
                s.normalized());
        assertEquals("Feature", SqlName.readAt(s, 5).orElseThrow().object());
        assertEquals("kfm_index", SqlName.readAt(s, 5).orElseThrow().qualifier().orElseThrow());
    }
}
