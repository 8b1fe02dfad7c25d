package org.kfm.projection.diff;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Compares the features of two projection schemas, per dataset version: which feature ids were
 * added, removed or changed (geometry or properties). The server does the comparison (a FULL JOIN on
 * the primary key, {@code sql/diff/changes.sql}) and only the differing rows travel, through a cursor
 * ({@code setFetchSize} with autocommit off: pgjdbc otherwise reads the whole result into memory), so
 * the memory used is the same for a thousand rows or a million: per version a few counters and at most
 * {@code limit} ids of each kind. Both statements run in one read-only REPEATABLE READ transaction,
 * so the counts and the differences come from one snapshot. Reads only: nothing is locked beyond
 * the ACCESS SHARE any query takes.
 */
public final class FeatureDiff {
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public FeatureDiff(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Compares {@code from} with {@code to}; both must be projection schemas (the caller checks that
     * they exist).
     *
     * @param datasetVersion the one version to compare, or empty for all
     * @param limit the most ids kept per version and kind (0 for counts only)
     * @param sink told of every differing feature, with both sides' geometries and properties; empty
     *     to get the counts and ids only (then no geometry is rendered)
     * @throws KfmException rule {@code database} when a statement fails, {@code diff-output} when the
     *     sink cannot write
     */
    public DiffReport compare(PgIdentifier from, PgIdentifier to, Optional<String> datasetVersion, int limit,
            Optional<ChangeSink> sink) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        SqlResources sql = new SqlResources("diff", null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Map<String, VersionTally> tallies = versions(c, render(sql.get("versions"), from, to),
                        datasetVersion, limit);
                changes(c, render(sql.get("changes"), from, to), datasetVersion, tallies, sink);
                List<VersionDiff> versions = new ArrayList<>();
                tallies.values().forEach(t -> versions.add(t.result()));
                return new DiffReport(from.name(), to.name(), limit, versions);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "database", "cannot compare " + from + " with " + to + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code schema} holds the projection's tables ({@code dataset_version} and {@code feature_geom}).
     *
     * @throws KfmException rule {@code database} when the catalog cannot be read
     */
    public boolean isProjection(PgIdentifier schema) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT count(*) FROM pg_catalog.pg_tables
                         WHERE schemaname = ? AND tablename IN ('dataset_version', 'feature_geom')""")) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 2;
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "database", "cannot read the tables of " + schema + ": "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, VersionTally> versions(Connection c, String text, Optional<String> only, int limit)
            throws SQLException {
        Map<String, VersionTally> tallies = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(text)) {
            setOptional(ps, 1, only);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    tallies.put(id, new VersionTally(id, rs.getLong(2), rs.getLong(3), limit));
                }
            }
        }
        return tallies;
    }

    private static void changes(Connection c, String text, Optional<String> only, Map<String, VersionTally> tallies,
            Optional<ChangeSink> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(text)) {
            ps.setFetchSize(FETCH_SIZE);
            setOptional(ps, 1, only);
            ps.setBoolean(2, sink.isPresent());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChangedFeature f = row(rs);
                    VersionTally tally = tallies.get(f.datasetVersionId());
                    if (tally == null) {
                        // versions.sql lists every version of both feature tables in the same snapshot
                        throw new IllegalStateException("dataset version " + f.datasetVersionId() + " not counted");
                    }
                    tally.count(f);
                    if (sink.isPresent()) {
                        write(sink.get(), f);
                    }
                }
            }
        }
    }

    private static ChangedFeature row(ResultSet rs) throws SQLException {
        boolean inFrom = rs.getBoolean("in_from");
        boolean inTo = rs.getBoolean("in_to");
        Change change = !inFrom ? Change.ADDED : !inTo ? Change.REMOVED : Change.CHANGED;
        boolean both = change == Change.CHANGED;
        return new ChangedFeature(rs.getString("dataset_version_id"), rs.getString("feature_id"), change,
                both && rs.getBoolean("geometry_changed"), both && rs.getBoolean("properties_changed"),
                rs.getString("old_geometry"), rs.getString("new_geometry"), rs.getString("old_properties"),
                rs.getString("new_properties"));
    }

    private static void write(ChangeSink sink, ChangedFeature f) {
        try {
            sink.accept(f);
        } catch (IOException e) {
            throw new KfmException(ErrorCode.FAILED, "diff-output", "cannot write the changed feature "
                    + f.datasetVersionId() + "/" + f.featureId() + ": " + e.getMessage(), e);
        }
    }

    private static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    /** The statement for two schemas; only validated identifiers, rendered quoted, are substituted. */
    private static String render(String text, PgIdentifier from, PgIdentifier to) {
        return text.replace("{from}", from.quoted()).replace("{to}", to.quoted());
    }
}
