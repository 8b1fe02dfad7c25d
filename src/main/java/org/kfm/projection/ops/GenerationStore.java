package org.kfm.projection.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.Generation;

/**
 * The generation ledger in the ops schema. Reads use their own connections; the writes that
 * belong to a swap take the swap transaction's connection, so the ledger and the schema names
 * change together or not at all.
 */
public final class GenerationStore {
    private final DataSource dataSource;
    private final SqlResources sql;
    private final ObjectMapper json;

    public GenerationStore(DataSource dataSource, PgIdentifier opsSchema, ObjectMapper json) {
        this.dataSource = dataSource;
        this.sql = new SqlResources("ops", opsSchema);
        this.json = json;
    }

    /** The live and previous generations, newest first. */
    public List<Generation> current(String projection) {
        List<Generation> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("select_generations"))) {
            ps.setString(1, projection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Generation(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7),
                            rs.getString(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                            instant(rs.getTimestamp(11)), read(rs.getString(12))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public Optional<Generation> live(String projection) {
        return current(projection).stream().filter(Generation::isLive).findFirst();
    }

    public Optional<Generation> previous(String projection) {
        return current(projection).stream().filter(g -> "previous".equals(g.status())).findFirst();
    }

    /** The number the next generation gets (never reused, even after drops). */
    public long nextNumber(Connection c, String projection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("next_generation"))) {
            ps.setString(1, projection);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Inside the swap transaction: demote live and previous, record the new live generation. */
    public void recordSwap(Connection c, Generation g) throws SQLException {
        try (PreparedStatement demote = c.prepareStatement(sql.get("demote_generations"));
                PreparedStatement insert = c.prepareStatement(sql.get("insert_generation"))) {
            demote.setTimestamp(1, Timestamp.from(g.swappedInAt()));
            demote.setString(2, g.projection());
            demote.executeUpdate();
            insert.setString(1, g.projection());
            insert.setLong(2, g.number());
            insert.setObject(3, g.runId());
            insert.setString(4, g.catalogUri());
            insert.setString(5, g.catalogDigest());
            insert.setString(6, g.migrationVersion());
            insert.setObject(7, g.rowCount());
            insert.setTimestamp(8, Timestamp.from(g.createdAt()));
            insert.setTimestamp(9, Timestamp.from(g.swappedInAt()));
            insert.setString(10, write(g.parity()));
            insert.executeUpdate();
        }
    }

    /** Inside the rollback transaction: live and previous trade places. */
    public void recordRollback(Connection c, String projection, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("rollback_generations"))) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, projection);
            ps.executeUpdate();
        }
    }

    /** After prune dropped the previous generation's schema. */
    public void recordPrune(String projection, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("drop_previous_generation"))) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, projection);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private String write(JsonNode node) {
        try {
            return node == null ? null : json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static KfmException failure(SQLException e) {
        return new KfmException(ErrorCode.FAILED, "ops-store", "cannot read or write generations in the ops schema: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
