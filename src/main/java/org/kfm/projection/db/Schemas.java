package org.kfm.projection.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** Questions about schemas that several packages ask. */
public final class Schemas {
    private Schemas() {
    }

    /**
     * Whether {@code schema} exists in the database.
     *
     * @throws KfmException rule {@code database} when the catalog cannot be read
     */
    public static boolean exists(DataSource dataSource, PgIdentifier schema) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "database", "cannot read the schema list: " + e.getMessage(), e);
        }
    }

    /**
     * The disk {@code schema} takes: its tables and materialized views with their indexes and TOAST,
     * what dropping it gives back.
     *
     * @return empty when the schema does not exist
     * @throws KfmException rule {@code database} when the catalog cannot be read
     */
    public static java.util.OptionalLong bytes(DataSource dataSource, PgIdentifier schema) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(new SqlResources("db", null).get("schema_bytes"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "database", "cannot read the size of schema " + schema + ": "
                    + e.getMessage(), e);
        }
    }
}
