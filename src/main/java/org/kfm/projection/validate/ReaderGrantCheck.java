package org.kfm.projection.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;

/** Rule 7: the reader role can use the shadow schema, read every table in it and call its kfm_* functions. */
final class ReaderGrantCheck {
    private final Connection connection;
    private final SqlResources sql;

    ReaderGrantCheck(Connection connection, SqlResources sql) {
        this.connection = connection;
        this.sql = sql;
    }

    List<Finding> check(PgIdentifier schema, PgIdentifier role) throws SQLException {
        List<Finding> out = new ArrayList<>();
        if (!bool("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?)", role.name())) {
            out.add(new Finding(ParityRule.READER_GRANT, Severity.FAIL, null, "role " + role, "no such role",
                    "the configured reader role " + role + " does not exist: create it (CREATE ROLE " + role.quoted()
                            + " NOLOGIN) or fix the reader-role setting"));
            return out;
        }
        if (!bool("SELECT has_schema_privilege(?, ?, 'USAGE')", role.name(), schema.name())) {
            out.add(new Finding(ParityRule.READER_GRANT, Severity.FAIL, null, "USAGE on schema " + schema, "none",
                    "role " + role + " cannot use schema " + schema + ", so readers would lose access at the swap: "
                            + "the grant replay missed it; GRANT USAGE ON SCHEMA " + schema.quoted() + " TO "
                            + role.quoted()));
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.get("reader_tables"))) {
            ps.setString(1, schema.name());
            ps.setString(2, role.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    out.add(new Finding(ParityRule.READER_GRANT, Severity.FAIL, null, "SELECT on " + schema + "."
                            + table, "none", "role " + role + " cannot SELECT from " + schema + "." + table
                            + ", so readers would lose access at the swap: the grant replay missed it; GRANT SELECT ON "
                            + "ALL TABLES IN SCHEMA " + schema.quoted() + " TO " + role.quoted()));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.get("reader_functions"))) {
            ps.setString(1, schema.name());
            ps.setString(2, role.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String function = rs.getString(1);
                    out.add(new Finding(ParityRule.READER_GRANT, Severity.FAIL, null, "EXECUTE on " + schema + "."
                            + function, "none", "role " + role + " cannot call " + schema + "." + function
                            + ", so readers would lose it at the swap: the grant replay missed it; GRANT EXECUTE ON "
                            + "FUNCTION " + schema.quoted() + "." + function + " TO " + role.quoted()));
                }
            }
        }
        return out;
    }

    private boolean bool(String query, String... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
