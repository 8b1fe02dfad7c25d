package org.kfm.projection.run;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** Reads a generation's {@code dataset_version} rows: what a plan compares the catalog with. */
final class LiveVersions {
    private final DataSource dataSource;

    LiveVersions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One dataset version of a generation: its declared count, asset checksums (asset-key order), and
     * the item values its feature rows were derived from.
     */
    record Row(String datasetVersionId, long declaredRows, List<String> checksums, String itemId, int sourceEpsg,
            Instant promotedAt) {
    }

    /** The versions of {@code schema}, by id. */
    Map<String, Row> read(PgIdentifier schema) {
        Map<String, Row> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(new SqlResources("run", schema).get("live_dataset_versions"));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array a = rs.getArray(3);
                List<String> sums = a == null ? List.of() : Arrays.asList((String[]) a.getArray());
                out.put(rs.getString(1), new Row(rs.getString(1), rs.getLong(2), sums, rs.getString(4), rs.getInt(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "plan-live-versions", "cannot read the dataset versions of "
                    + schema + " to plan the rebuild: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
