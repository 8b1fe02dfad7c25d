package org.kfm.projection.load;

import org.kfm.projection.digest.DigestText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** The geometry digests a schema holds, computed in SQL the way {@link GeometryDigest} computes them in Java. */
public final class GeometryDigests {
    private GeometryDigests() {
    }

    /**
     * Digest per dataset version of {@code schema}'s {@code feature_geom}, including dataset versions
     * that have a {@code dataset_version} row but no features ({@code pghash:0:...}). Reads every row.
     *
     * @return dataset version id → digest, sorted by id
     * @throws KfmException rule {@code digest-query-failed} when the query fails
     */
    public static Map<String, String> inDatabase(Connection connection, PgIdentifier schema) {
        String sql = new SqlResources("load", schema).get("geometry_digest");
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), DigestText.render(rs.getLong(2),
                        rs.getBigDecimal(3).toBigIntegerExact()));
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "digest-query-failed", "computing geometry digests of "
                    + schema + ".feature_geom failed: " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
        }
        return out;
    }
}
