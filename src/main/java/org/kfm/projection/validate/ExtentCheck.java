package org.kfm.projection.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kfm.projection.db.SqlResources;

/**
 * Rule 5: each dataset version's extent within its catalog bbox, widened by the tolerance. A bbox
 * crossing the antimeridian allows longitudes in {@code [west, 180] ∪ [-180, east]}; when the
 * scan's plain extent does not settle that, the version's rows are checked one by one.
 */
final class ExtentCheck {
    static final int WGS84 = 4326;
    private static final int SEGMENTS_PER_EDGE = 32;

    private final Connection connection;
    private final SqlResources sql;
    private final int targetSrid;

    ExtentCheck(Connection connection, SqlResources sql, int targetSrid) {
        this.connection = connection;
        this.sql = sql;
        this.targetSrid = targetSrid;
    }

    /** The findings, and every extent in WGS 84 (crossing the antimeridian where the data does). */
    record Outcome(Map<String, Extent> extents, List<Finding> findings) {
    }

    Outcome check(Map<String, Expectation> expectations, Map<String, VersionStats> stats, double tolerance)
            throws SQLException {
        Map<String, Extent> extents = toWgs84(stats);
        List<Finding> findings = new ArrayList<>();
        for (Expectation e : expectations.values()) {
            Extent extent = extents.get(e.datasetVersionId());
            if (extent == null) {
                continue;
            }
            Extent bbox = e.bbox();
            boolean inside = withinLatitudes(extent, bbox, tolerance) && (bbox.crossesAntimeridian()
                    ? extent.minX() >= bbox.minX() - tolerance || extent.maxX() <= bbox.maxX() + tolerance
                    : extent.minX() >= bbox.minX() - tolerance && extent.maxX() <= bbox.maxX() + tolerance);
            long outside = 0;
            if (!inside && bbox.crossesAntimeridian() && withinLatitudes(extent, bbox, tolerance)) {
                Crossing c = crossing(e.datasetVersionId(), bbox, tolerance);
                outside = c.outside();
                if (outside == 0) {
                    inside = true;
                    extent = c.extent() == null ? extent : c.extent();
                    extents.put(e.datasetVersionId(), extent);
                }
            }
            if (!inside) {
                findings.add(finding(e, extent, tolerance, outside));
            }
        }
        return new Outcome(extents, findings);
    }

    /** Extents in the target SRID converted to WGS 84 (unchanged when the target is WGS 84). */
    Map<String, Extent> toWgs84(Map<String, VersionStats> stats) throws SQLException {
        Map<String, Extent> out = new TreeMap<>();
        for (VersionStats s : stats.values()) {
            if (s.extent() != null) {
                out.put(s.datasetVersionId(), targetSrid == WGS84 ? s.extent() : transform(s.extent()));
            }
        }
        return out;
    }

    private Extent transform(Extent e) throws SQLException {
        double step = Math.max(Math.max(e.maxX() - e.minX(), e.maxY() - e.minY()) / SEGMENTS_PER_EDGE, 1e-9);
        try (PreparedStatement ps = connection.prepareStatement(sql.get("extent_to_wgs84"))) {
            ps.setDouble(1, e.minX());
            ps.setDouble(2, e.minY());
            ps.setDouble(3, e.maxX());
            ps.setDouble(4, e.maxY());
            ps.setInt(5, targetSrid);
            ps.setDouble(6, step);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return StatsQuery.extent(rs);
            }
        }
    }

    private record Crossing(long outside, Extent extent) {
    }

    private Crossing crossing(String datasetVersionId, Extent bbox, double tolerance) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.get("antimeridian_extent"))) {
            ps.setDouble(1, bbox.minX() - tolerance);
            ps.setDouble(2, bbox.maxX() + tolerance);
            ps.setString(3, datasetVersionId);
            ps.setInt(4, targetSrid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long outside = rs.getLong("outside");
                double west = rs.getDouble("west_edge");
                boolean hasWest = !rs.wasNull();
                double east = rs.getDouble("east_edge");
                boolean hasEast = !rs.wasNull();
                Extent extent = hasWest && hasEast
                        ? new Extent(west, rs.getDouble("min_y"), east, rs.getDouble("max_y")) : null;
                return new Crossing(outside, extent);
            }
        }
    }

    private static boolean withinLatitudes(Extent extent, Extent bbox, double tolerance) {
        return extent.minY() >= bbox.minY() - tolerance && extent.maxY() <= bbox.maxY() + tolerance;
    }

    private static Finding finding(Expectation e, Extent extent, double tolerance, long outside) {
        Extent bbox = e.bbox();
        List<String> beyond = new ArrayList<>();
        if (!bbox.crossesAntimeridian()) {
            beyond(beyond, "west", bbox.minX() - extent.minX(), tolerance);
            beyond(beyond, "east", extent.maxX() - bbox.maxX(), tolerance);
        } else if (outside > 0) {
            beyond.add(Words.count(outside, "geometry") + " with parts in neither [" + Extent.num(bbox.minX()) + ", 180] nor [-180, "
                    + Extent.num(bbox.maxX()) + "]");
        }
        beyond(beyond, "south", bbox.minY() - extent.minY(), tolerance);
        beyond(beyond, "north", extent.maxY() - bbox.maxY(), tolerance);
        return new Finding(ParityRule.EXTENT, Severity.FAIL, e.datasetVersionId(),
                bbox + " ± " + Extent.num(tolerance), extent.toString(),
                "the extent of " + e.datasetVersionId() + " (WGS 84) exceeds its catalog bbox: "
                        + String.join(", ", beyond) + "; the geometries are not where the catalog says: check the "
                        + "item's bbox and its source CRS (proj:epsg), or raise the bbox tolerance");
    }

    private static void beyond(List<String> out, String side, double by, double tolerance) {
        if (by > tolerance) {
            out.add(side + " by " + Extent.num(by) + "°");
        }
    }
}
