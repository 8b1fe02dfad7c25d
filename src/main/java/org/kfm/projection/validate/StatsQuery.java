package org.kfm.projection.validate;

import org.kfm.projection.digest.DigestText;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** The aggregate scans of one generation's tables ({@code sql/validate/*.sql}). */
final class StatsQuery {
    private final Connection connection;
    private final PgIdentifier schema;
    private final SqlResources sql;

    StatsQuery(Connection connection, PgIdentifier schema) {
        this.connection = connection;
        this.schema = schema;
        this.sql = new SqlResources("validate", schema);
    }

    PgIdentifier schema() {
        return schema;
    }

    SqlResources sql() {
        return sql;
    }

    /**
     * @throws KfmException rule {@code parity-schema-missing} when the schema or one of its tables
     *     is missing: parity cannot run
     */
    void requireTables(String role) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.get("projection_tables"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        for (String table : new String[] {"dataset_version", "feature_geom"}) {
            if (!found.contains(table)) {
                throw new KfmException(ErrorCode.FAILED, "parity-schema-missing", "cannot validate the " + role
                        + " generation: table " + schema + "." + table + " does not exist in database "
                        + connection.getCatalog() + " (schema " + (found.isEmpty() ? "missing or empty" : "incomplete")
                        + "); build it with kfm-projection rebuild or name the right schema. Nothing was changed.");
            }
        }
    }

    /** {@code dataset_version_id} → {@code declared_feature_count} of every {@code dataset_version} row. */
    Map<String, Long> datasetVersionRows() throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.get("dataset_versions"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Rules 1, 2, 4 and 5 in one scan; {@code only} restricts to some dataset versions (null: all). */
    Map<String, VersionStats> shadowStats(int targetSrid, Collection<String> only) throws SQLException {
        return shadowStats(targetSrid, only, ps -> { });
    }

    /** As {@link #shadowStats(int, Collection)}; {@code running} gets the statement before it runs, to cancel it. */
    Map<String, VersionStats> shadowStats(int targetSrid, Collection<String> only, Consumer<Statement> running)
            throws SQLException {
        Map<String, VersionStats> out = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.get("version_stats"))) {
            running.accept(ps);
            for (int i = 1; i <= 4; i++) {
                ps.setInt(i, targetSrid);
            }
            Array ids = only == null ? null : connection.createArrayOf("text", only.toArray());
            ps.setNull(5, Types.ARRAY);
            ps.setNull(6, Types.ARRAY);
            if (ids != null) {
                ps.setArray(5, ids);
                ps.setArray(6, ids);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("dataset_version_id");
                    long rows = rs.getLong("row_count");
                    out.put(id, new VersionStats(id, rows, digest(rs, rows), rs.getLong("srid_mismatches"),
                            rs.getInt("other_srid_min"), rs.getInt("other_srid_max"), rs.getLong("invalid_count"),
                            rs.getLong("empty_count"), extent(rs)));
                }
            }
        }
        return out;
    }

    /** Rows, digest and extent per dataset version of the live generation, in one scan. */
    Map<String, VersionStats> liveStats(int targetSrid) throws SQLException {
        Map<String, VersionStats> out = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.get("live_stats"))) {
            ps.setInt(1, targetSrid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("dataset_version_id");
                    long rows = rs.getLong("row_count");
                    out.put(id, new VersionStats(id, rows, digest(rs, rows), 0, 0, 0, 0, 0, extent(rs)));
                }
            }
        }
        return out;
    }

    private static String digest(ResultSet rs, long rows) throws SQLException {
        BigDecimal sum = rs.getBigDecimal("digest_sum");
        return DigestText.render(rows, sum.toBigIntegerExact());
    }

    static Extent extent(ResultSet rs) throws SQLException {
        double minX = rs.getDouble("min_x");
        return rs.wasNull() ? null
                : new Extent(minX, rs.getDouble("min_y"), rs.getDouble("max_x"), rs.getDouble("max_y"));
    }
}
