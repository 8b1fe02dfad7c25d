package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.testing.TestDatabase;

class GrantReplayIT {
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    /** Roles are cluster-wide: unique per run, dropped afterwards. */
    private static final PgIdentifier ANALYST = PgIdentifier.of("kfm_it_analyst_" + RUN);
    private static final PgIdentifier READER = PgIdentifier.of("kfm_it_reader_" + RUN);
    private static TestDatabase db;

    @BeforeAll
    static void createDatabaseAndRoles() {
        db = TestDatabase.create();
        db.execute("CREATE ROLE " + ANALYST.quoted());
        db.execute("CREATE ROLE " + READER.quoted());
    }

    @AfterAll
    static void dropDatabaseAndRoles() throws SQLException {
        db.close(); // the database held every grant to the roles
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl()); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + ANALYST.quoted());
            s.execute("DROP ROLE IF EXISTS " + READER.quoted());
        }
    }

    private static String readAs(PgIdentifier role, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET ROLE " + role.quoted());
            try (var rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(role + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static boolean canRead(PgIdentifier role, PgIdentifier schema) {
        return "t".equals(db.queryOne("SELECT has_schema_privilege('" + role + "', '" + schema + "', 'USAGE')"
                + " AND has_table_privilege('" + role + "', '" + schema + ".feature_geom', 'SELECT')"));
    }

    @Test
    void rolesSelectSurvivesSwapAndRollback() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        GrantReplayer grants = new GrantReplayer(db.dataSource());
        Generations.create(db, n.shadow(), "gen-1", 1);
        swapper.swap(1, null, SwapHook.NONE);
        db.execute("GRANT USAGE ON SCHEMA " + n.live().quoted() + " TO " + ANALYST.quoted());
        db.execute("GRANT SELECT ON " + n.live().quoted() + ".feature_geom TO " + ANALYST.quoted());
        Generations.create(db, n.shadow(), "gen-2", 1);
        assertFalse(canRead(ANALYST, n.shadow()), "a new generation starts without the grants");

        GrantReport report = grants.replay(n.live(), n.shadow(), Optional.empty());

        assertTrue(report.complete(), report.toString());
        assertEquals(2, report.applied().size(), report.toString());
        swapper.swap(2, null, SwapHook.NONE);
        assertEquals("gen-2", readAs(ANALYST, "SELECT min(dataset_version_id) FROM " + n.live().quoted()
                + ".feature_geom"));
        swapper.rollback(null, SwapHook.NONE);
        assertEquals("gen-1", readAs(ANALYST, "SELECT min(dataset_version_id) FROM " + n.live().quoted()
                + ".feature_geom"));
        assertTrue(canRead(ANALYST, n.previous()));
    }

    @Test
    void readerRoleGetsUsageSelectAndExecuteAndIsChecked() {
        PgIdentifier live = Generations.uniqueBase();
        PgIdentifier shadow = live.suffixed("_shadow");
        Generations.create(db, live, "gen-1", 1);
        Generations.create(db, shadow, "gen-2", 1);
        db.execute("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA " + shadow.quoted() + " FROM PUBLIC");
        GrantReplayer grants = new GrantReplayer(db.dataSource());
        ReaderAccess before = grants.readerAccess(shadow, READER);
        assertFalse(before.granted());
        assertEquals(List.of("no USAGE on schema " + shadow, "no SELECT on " + shadow + ".feature_geom",
                "no EXECUTE on " + shadow + ".kfm_features_in_bbox(p_xmin double precision, p_ymin double precision, "
                        + "p_xmax double precision, p_ymax double precision)"), before.problems());

        GrantReport report = grants.replay(live, shadow, Optional.of(READER));

        assertTrue(report.complete(), report.toString());
        assertTrue(grants.readerRoleHasAccess(shadow, READER), grants.readerAccess(shadow, READER).toString());
        assertEquals("1", readAs(READER, "SELECT count(*) FROM " + shadow.quoted()
                + ".kfm_features_in_bbox(-180, -90, 180, 90)"));
        assertFalse(grants.readerAccess(shadow, PgIdentifier.of("kfm_it_nobody_" + RUN)).roleExists());
    }

    @Test
    void columnRoutineAndDefaultPrivilegesAreReplayedAndMissingObjectsReported() {
        PgIdentifier live = Generations.uniqueBase();
        PgIdentifier shadow = live.suffixed("_shadow");
        Generations.create(db, live, "gen-1", 1);
        Generations.create(db, shadow, "gen-2", 1);
        String l = live.quoted();
        String a = ANALYST.quoted();
        db.execute("CREATE TABLE " + l + ".old_table (x int)");
        db.execute("GRANT SELECT ON " + l + ".old_table TO " + a);
        db.execute("GRANT UPDATE (properties) ON " + l + ".feature_geom TO " + a);
        db.execute("GRANT SELECT ON " + l + ".feature_geom TO " + a + " WITH GRANT OPTION");
        db.execute("REVOKE EXECUTE ON FUNCTION " + l + ".kfm_features_in_bbox FROM PUBLIC");
        db.execute("GRANT EXECUTE ON FUNCTION " + l + ".kfm_features_in_bbox TO " + a);
        db.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + l + " GRANT SELECT ON TABLES TO " + a);

        GrantReport report = new GrantReplayer(db.dataSource()).replay(live, shadow, Optional.empty());

        assertEquals(List.of(new UnmatchedGrant("table " + live + ".old_table", "SELECT", ANALYST.name(),
                "no table of that name in " + shadow)), report.unmatched());
        List<String> applied = report.applied().stream().map(Grant::statement).toList();
        assertTrue(applied.contains("GRANT UPDATE (\"properties\") ON TABLE " + shadow.quoted()
                + ".\"feature_geom\" TO " + a), applied.toString());
        assertTrue(applied.contains("GRANT SELECT ON TABLE " + shadow.quoted() + ".\"feature_geom\" TO " + a
                + " WITH GRANT OPTION"), applied.toString());
        assertTrue(applied.stream().anyMatch(s -> s.startsWith("GRANT EXECUTE ON FUNCTION " + shadow.quoted()
                + ".\"kfm_features_in_bbox\"(")), applied.toString());
        assertTrue(applied.stream().anyMatch(s -> s.startsWith("ALTER DEFAULT PRIVILEGES FOR ROLE")),
                applied.toString());
        assertEquals("t", db.queryOne("SELECT has_column_privilege('" + ANALYST + "', '" + shadow
                + ".feature_geom', 'properties', 'UPDATE')"));
        assertTrue(report.notes().stream().anyMatch(s -> s.startsWith("PUBLIC holds EXECUTE on function " + shadow
                + ".kfm_features_in_bbox")), report.notes().toString());
    }
}
