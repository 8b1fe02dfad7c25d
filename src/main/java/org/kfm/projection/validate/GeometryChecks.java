package org.kfm.projection.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.validate.GeometryIssue.Problem;

/** Rule 4's database work: listing invalid and empty geometries, and repairing invalid ones. */
final class GeometryChecks {
    private final Connection connection;
    private final SqlResources sql;
    private final int sampleCap;

    GeometryChecks(Connection connection, SqlResources sql, int sampleCap) {
        this.connection = connection;
        this.sql = sql;
        this.sampleCap = sampleCap;
    }

    /** Replaces every invalid geometry of the given dataset versions by {@code ST_MakeValid}; lists each. */
    Map<String, List<GeometryRepair>> repair(Collection<String> datasetVersionIds) throws SQLException {
        Map<String, List<GeometryRepair>> out = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.get("repair"))) {
            ps.setArray(1, connection.createArrayOf("text", datasetVersionIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new GeometryRepair(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** The first invalid and the first empty geometries (up to the cap each) of versions that have any. */
    Map<String, List<GeometryIssue>> samples(Map<String, VersionStats> stats) throws SQLException {
        Map<String, List<GeometryIssue>> out = new TreeMap<>();
        List<String> invalid = stats.values().stream().filter(s -> s.invalid() > 0)
                .map(VersionStats::datasetVersionId).toList();
        List<String> empty = stats.values().stream().filter(s -> s.empty() > 0)
                .map(VersionStats::datasetVersionId).toList();
        collect(invalid, Problem.INVALID, out);
        collect(empty, Problem.EMPTY, out);
        return out;
    }

    private void collect(List<String> ids, Problem problem, Map<String, List<GeometryIssue>> out)
            throws SQLException {
        if (ids.isEmpty() || sampleCap == 0) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.get("geometry_issues"))) {
            ps.setArray(1, connection.createArrayOf("text", ids.toArray()));
            ps.setBoolean(2, problem == Problem.EMPTY);
            ps.setInt(3, sampleCap);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String reason = problem == Problem.EMPTY ? "empty " + rs.getString(4) : rs.getString(3);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new GeometryIssue(rs.getString(2), problem, reason));
                }
            }
        }
    }
}
