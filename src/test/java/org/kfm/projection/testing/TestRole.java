package org.kfm.projection.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A login role without any attribute (no superuser, no CREATEDB), unique to its test: roles are
 * cluster-wide and the cluster is shared. {@link #close()} drops what it owns and was granted in
 * every database it connected to that still exists, then the role.
 */
public final class TestRole implements AutoCloseable {
    private final String name;
    private final List<TestDatabase> databases = new ArrayList<>();

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
        if (!databases.contains(db)) {
            databases.add(db);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser(name);
        ds.setApplicationName("kfm-projection-test");
        return ds;
    }

    /** Runs {@code sql} in {@code db} as the superuser; {@code {role}} stands for this role's name. */
    public void grant(TestDatabase db, String sql) {
        if (!databases.contains(db)) {
            databases.add(db);
        }
        db.execute(sql.replace("{role}", name));
    }

    @Override
    public void close() {
        for (TestDatabase db : databases) {
            try {
                db.execute("DROP OWNED BY " + name);
            } catch (IllegalStateException e) {
                // the database is gone, and with it what the role owned and was granted there
            }
        }
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
