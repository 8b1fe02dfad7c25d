package org.kfm.projection.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A login role without any attribute (no superuser, no CREATEDB), unique to one test class: roles
 * are cluster-wide and the cluster is shared. Close it after the databases it was granted on
 * (dropping a database drops the grants on it), so the role can be dropped.
 */
public final class TestRole implements AutoCloseable {
    private final String name;

    private TestRole(String name) {
        this.name = name;
    }

    public static TestRole create() {
        String name = "kfm_t_role_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        serverExecute("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        return new TestRole(name);
    }

    public String name() {
        return name;
    }

    /** Connections to {@code db} as this role. */
    public DataSource dataSource(TestDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser(name);
        ds.setApplicationName("kfm-projection-test");
        return ds;
    }

    @Override
    public void close() {
        serverExecute("DROP ROLE IF EXISTS " + name);
    }

    private static void serverExecute(String sql) {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
