package org.kfm.projection.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Checks, before migrating, that the connected role can do everything a migration of the schema
 * needs, and lists every missing privilege at once with the statement that would grant it.
 */
public final class PrivilegeCheck {
    private final DataSource dataSource;

    public PrivilegeCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws KfmException rule {@code missing-privileges} naming the role and each gap */
    public void requireMigratable(PgIdentifier schema, PgIdentifier extensionSchema) {
        try (Connection c = dataSource.getConnection()) {
            String role = DatabaseBootstrap.currentUser(c);
            List<String> missing = missing(c, role, schema, extensionSchema);
            if (!missing.isEmpty()) {
                throw new KfmException(ErrorCode.FAILED, "missing-privileges", "role " + role
                        + " cannot migrate schema " + schema + " in database " + c.getCatalog() + ":\n  - "
                        + String.join("\n  - ", missing) + "\nNothing was changed.");
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "privilege-check-failed",
                    "could not check privileges: " + e.getMessage(), e);
        }
    }

    private static List<String> missing(Connection c, String role, PgIdentifier schema, PgIdentifier ext)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        boolean exists = bool(c, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", schema.name());
        if (!exists && !bool(c, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
            missing.add("CREATE on database " + c.getCatalog() + " (to create schema " + schema + "): GRANT CREATE ON "
                    + "DATABASE " + c.getCatalog() + " TO " + role);
        }
        if (exists) {
            for (String priv : List.of("USAGE", "CREATE")) {
                if (!bool(c, "SELECT has_schema_privilege(?, ?)", schema.name(), priv)) {
                    missing.add(priv + " on schema " + schema + ": GRANT " + priv + " ON SCHEMA " + schema.quoted()
                            + " TO " + role);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.relname, pg_get_userbyid(c.relowner)
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm')
                       AND NOT pg_has_role(c.relowner, 'USAGE')
                     ORDER BY c.relname""")) {
                ps.setString(1, schema.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        missing.add("ownership of " + schema + "." + rs.getString(1) + " (owned by " + rs.getString(2)
                                + "; ALTER and DROP need the owner): migrate as " + rs.getString(2)
                                + " or GRANT " + rs.getString(2) + " TO " + role);
                    }
                }
            }
        }
        if (bool(c, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", ext.name())
                && !bool(c, "SELECT has_schema_privilege(?, 'USAGE')", ext.name())) {
            missing.add("USAGE on schema " + ext + " (PostGIS types and functions live there): GRANT USAGE ON SCHEMA "
                    + ext.quoted() + " TO " + role);
        }
        return missing;
    }

    private static boolean bool(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
