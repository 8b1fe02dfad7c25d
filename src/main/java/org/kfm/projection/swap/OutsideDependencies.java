package org.kfm.projection.swap;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Finds objects in other schemas that depend on a generation's objects ({@code pg_depend}):
 * views and materialized views, functions with SQL-standard bodies, foreign keys, triggers,
 * defaults and columns of its types. Extension members and the ops schema are not reported.
 */
public final class OutsideDependencies {
    private final SqlResources sql = new SqlResources("swap", null);

    private final DataSource dataSource;
    private final PgIdentifier opsSchema;

    public OutsideDependencies(DataSource dataSource, PgIdentifier opsSchema) {
        this.dataSource = dataSource;
        this.opsSchema = opsSchema;
    }

    /**
     * @return the dependents of {@code schema}'s objects that live outside it, empty when none (or
     *     when the schema does not exist)
     * @throws KfmException rule {@code dependency-check-failed} when the catalog cannot be read
     */
    public List<OutsideDependency> outsideDependencies(PgIdentifier schema) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, schema);
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "dependency-check-failed",
                    "could not list objects depending on schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** The same, on the caller's connection (inside its transaction). */
    List<OutsideDependency> find(Connection c, PgIdentifier schema) throws SQLException {
        List<OutsideDependency> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.get("outside_dependencies"))) {
            ps.setString(1, schema.name());
            ps.setString(2, opsSchema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array targets = rs.getArray(4);
                    out.add(new OutsideDependency(rs.getString(1), rs.getString(2), rs.getString(3),
                            Arrays.asList((String[]) targets.getArray())));
                }
            }
        }
        return out;
    }
}
