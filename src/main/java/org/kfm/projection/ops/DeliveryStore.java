package org.kfm.projection.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.DeliveryOutcome;
import org.kfm.projection.history.WebhookDelivery;

/**
 * The webhook deliveries of swaps in {@code kfm_ops.webhook_delivery}: written when a delivery is
 * queued and again when it ends (one row per run and URL), read by the run's API view. Each write
 * is its own autocommit statement.
 */
public final class DeliveryStore {
    private final DataSource dataSource;
    private final SqlResources sql;

    public DeliveryStore(DataSource dataSource, PgIdentifier opsSchema) {
        this.dataSource = dataSource;
        this.sql = new SqlResources("ops", opsSchema);
    }

    /**
     * Inserts the delivery, or replaces what was recorded of it before.
     *
     * @throws KfmException rule {@code ops-store} when the database refuses
     */
    public void record(WebhookDelivery d) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("upsert_webhook_delivery"))) {
            ps.setObject(1, d.runId());
            ps.setInt(2, d.position());
            ps.setString(3, d.target());
            ps.setString(4, d.outcome().name());
            ps.setInt(5, d.attempts());
            if (d.status() == null) {
                ps.setNull(6, Types.INTEGER);
            } else {
                ps.setInt(6, d.status());
            }
            ps.setString(7, d.error());
            ps.setTimestamp(8, ts(d.queuedAt()));
            ps.setTimestamp(9, ts(d.startedAt()));
            ps.setTimestamp(10, ts(d.finishedAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the webhook delivery " + d.position() + " (" + d.target() + ") of run " + d.runId(),
                    e);
        }
    }

    /** The deliveries of one run, in the order of the configured URLs; empty when it had none. */
    public List<WebhookDelivery> deliveries(UUID runId) {
        List<WebhookDelivery> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.get("select_webhook_deliveries"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WebhookDelivery(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                            DeliveryOutcome.valueOf(rs.getString(4)), rs.getInt(5), (Integer) rs.getObject(6),
                            rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                            instant(rs.getTimestamp(10))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the webhook deliveries of run " + runId, e);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static KfmException failure(String what, SQLException e) {
        return new KfmException(ErrorCode.FAILED, "ops-store", "cannot " + what + " in the ops schema: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
