package org.kfm.projection.validate;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.testing.TestDatabase;

/** Rule 7: the reader role has USAGE on the shadow schema, SELECT on every table and EXECUTE on every kfm_* function. */
class ReaderGrantIT {
    /** Roles are cluster-wide: a unique name, dropped after the class. */
    private static final String READER = "kfm_t_reader_" + UUID.randomUUID().toString().substring(0, 8);
    private static ParityFixture fx;
    private PgIdentifier shadow;

    @BeforeAll
    static void database() throws SQLException {
        fx = new ParityFixture();
        server("CREATE ROLE " + READER + " NOLOGIN");
    }

    @AfterAll
    static void drop() throws SQLException {
        try {
            fx.close();
        } finally {
            server("DROP ROLE IF EXISTS " + READER);
        }
    }

    private static void server(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @BeforeEach
    void shadowWithoutGrants() {
        shadow = fx.standardGeneration("kfm_index_shadow");
        fx.db.execute("REVOKE ALL ON SCHEMA kfm_index_shadow FROM " + READER + "; "
                + "REVOKE ALL ON ALL TABLES IN SCHEMA kfm_index_shadow FROM " + READER);
    }

    private List<Finding> grantFindings(String role) {
        ParityReport report = fx.validator().validate(shadow, Optional.empty(), fx.expectations(shadow),
                ParityPolicy.defaults(4326).withReaderRole(role));
        assertEquals(report.findings(ParityRule.READER_GRANT).isEmpty(), report.passed(), report.toText());
        return report.findings(ParityRule.READER_GRANT);
    }

    @Test
    void refusesAShadowTheReaderCannotUseOrRead() {
        List<Finding> findings = grantFindings(READER);

        assertEquals(List.of("SELECT on kfm_index_shadow.dataset_version", "SELECT on kfm_index_shadow.feature_geom",
                "SELECT on kfm_index_shadow.flyway_schema_history", "USAGE on schema kfm_index_shadow"),
                findings.stream().map(Finding::expected).sorted().toList());
        for (Finding f : findings) {
            assertEquals(Severity.FAIL, f.severity());
            assertEquals(null, f.datasetVersionId());
            assertEquals("none", f.actual());
            assertTrue(f.message().contains(READER), f.message());
        }
    }

    @Test
    void passesWhenTheGrantsWereReplayed() {
        fx.db.execute("GRANT USAGE ON SCHEMA kfm_index_shadow TO " + READER + "; "
                + "GRANT SELECT ON ALL TABLES IN SCHEMA kfm_index_shadow TO " + READER);

        assertEquals(List.of(), grantFindings(READER));
    }

    @Test
    void namesTheOneTableTheReaderCannotRead() {
        fx.db.execute("GRANT USAGE ON SCHEMA kfm_index_shadow TO " + READER + "; "
                + "GRANT SELECT ON ALL TABLES IN SCHEMA kfm_index_shadow TO " + READER + "; "
                + "REVOKE SELECT ON kfm_index_shadow.feature_geom FROM " + READER);

        List<Finding> findings = grantFindings(READER);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("SELECT on kfm_index_shadow.feature_geom", findings.get(0).expected());
        assertTrue(findings.get(0).message().contains("GRANT SELECT ON ALL TABLES IN SCHEMA \"kfm_index_shadow\""),
                findings.get(0).message());
    }

    @Test
    void namesTheFunctionTheReaderCannotCall() {
        fx.db.execute("GRANT USAGE ON SCHEMA kfm_index_shadow TO " + READER + "; "
                + "GRANT SELECT ON ALL TABLES IN SCHEMA kfm_index_shadow TO " + READER + "; "
                + "REVOKE EXECUTE ON FUNCTION kfm_index_shadow.kfm_feature_counts() FROM PUBLIC");
        try {
            List<Finding> findings = grantFindings(READER);

            assertEquals(List.of("EXECUTE on kfm_index_shadow.kfm_feature_counts()"),
                    findings.stream().map(Finding::expected).toList());
            assertTrue(findings.get(0).message().contains(
                    "GRANT EXECUTE ON FUNCTION \"kfm_index_shadow\".kfm_feature_counts() TO"), findings.get(0).message());
            fx.db.execute("GRANT EXECUTE ON FUNCTION kfm_index_shadow.kfm_feature_counts() TO " + READER);
            assertEquals(List.of(), grantFindings(READER));
        } finally {
            fx.db.execute("GRANT EXECUTE ON FUNCTION kfm_index_shadow.kfm_feature_counts() TO PUBLIC");
        }
    }

    @Test
    void refusesAReaderRoleThatDoesNotExist() {
        List<Finding> findings = grantFindings(READER + "_missing");

        assertEquals(1, findings.size());
        assertEquals("no such role", findings.get(0).actual());
        assertFalse(findings.get(0).message().isEmpty());
    }
}
