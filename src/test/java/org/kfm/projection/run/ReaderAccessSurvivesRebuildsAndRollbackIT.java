package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.testing.TestRole;

/**
 * Readers keep their access through rebuilds and rollbacks: the configured reader role can read
 * every generation a rebuild makes live (table and helper function), and a role granted SELECT on
 * live by hand keeps it on the next generation and after a rollback. The grant replay always grants
 * the configured reader role, so parity's reader-grant rule fails only when that role is missing:
 * then the rebuild fails with exit 4 and live is untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReaderAccessSurvivesRebuildsAndRollbackIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static TestRole reader;
    private static TestRole analyst;
    private static RebuildFixture fx;
    private static Path catalog;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        reader = TestRole.create();
        analyst = TestRole.create();
        fx = RebuildFixture.builder(db, "it_grants").readerRole(reader.name()).build();
        catalog = TestCatalogs.copySample(dir);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
        reader.close();
        analyst.close();
    }

    @Test
    @Order(1)
    void theReaderRoleReadsTheFirstGeneration() throws SQLException {
        fx.rebuild(catalog);

        assertEquals(String.valueOf(TestCatalogs.SAMPLE_ROWS), read(reader, "SELECT count(*) FROM it_grants.feature_geom"));
        assertEquals("33", read(reader, "SELECT count(*) FROM it_grants.kfm_features_in_bbox(-180, -90, 180, 90)"));
    }

    @Test
    @Order(2)
    void aRoleGrantedOnLiveByHandKeepsItsSelectOnTheNextGenerationAndAfterRollback() throws SQLException {
        analyst.grant(db, "GRANT USAGE ON SCHEMA it_grants TO {role}; GRANT SELECT ON it_grants.feature_geom TO {role}");

        RebuildResult r = fx.rebuild(RebuildFixture.forced(catalog));

        assertEquals(2L, r.generation(), r.summary());
        assertEquals("2", fx.one("SELECT obj_description('it_grants'::regnamespace, 'pg_namespace')")
                .replaceAll("\\D", ""));
        assertEquals("33", read(analyst, "SELECT count(*) FROM it_grants.feature_geom"));
        assertEquals("33", read(reader, "SELECT count(*) FROM it_grants.kfm_features_in_bbox(-180, -90, 180, 90)"));

        fx.operations().rollback(RebuildFixture.TRIGGER);

        assertEquals(1L, fx.liveGeneration());
        assertEquals("33", read(analyst, "SELECT count(*) FROM it_grants.feature_geom"));
        assertEquals("33", read(reader, "SELECT count(*) FROM it_grants.kfm_features_in_bbox(-180, -90, 180, 90)"));
    }

    @Test
    @Order(3)
    void aRoleGrantedOnLiveAfterTheLastSwapStillReadsAfterRollback() throws SQLException {
        // live is generation 1 again, generation 2 is previous: grant on live only, then roll back to 2
        try (TestRole late = TestRole.create()) {
            late.grant(db, "GRANT USAGE ON SCHEMA it_grants TO {role}; GRANT SELECT ON it_grants.feature_geom TO {role}");

            fx.operations().rollback(RebuildFixture.TRIGGER);

            assertEquals(2L, fx.liveGeneration());
            assertEquals("33", read(late, "SELECT count(*) FROM it_grants.feature_geom"));
        }
    }

    @Test
    @Order(4)
    void aReaderRoleThatDoesNotExistFailsParityAndLeavesLiveUntouched() {
        RebuildFixture.Snapshot before = fx.liveSnapshot();
        KfmException e;
        try (RebuildFixture missing = RebuildFixture.builder(db, "it_grants").readerRole("kfm_t_no_such_reader")
                .build()) {
            e = missing.rebuildFails(RebuildFixture.forced(catalog));
        }

        JsonNode run = fx.assertLiveUntouched(e, before, 2L, ErrorCode.PARITY_FAILED, "parity-failed", true);
        assertEquals(List.of("reader-grant"), RebuildFixture.failedRules(run.get("receipt")));
        assertTrue(e.getMessage().contains("kfm_t_no_such_reader does not exist"), e.getMessage());
    }

    private static String read(TestRole role, String sql) throws SQLException {
        DataSource ds = role.dataSource(db);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
