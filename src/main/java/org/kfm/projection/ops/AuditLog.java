package org.kfm.projection.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.AuditEntry;
import org.kfm.projection.history.AuditRecord;

/** Reads {@code kfm_ops.audit_event} back, newest first: what the service's audit trail wrote. */
public final class AuditLog {
    private final DataSource dataSource;
    private final SqlResources sql;
    private final ObjectMapper json;

    public AuditLog(DataSource dataSource, PgIdentifier opsSchema, ObjectMapper json) {
        this.dataSource = dataSource;
        this.sql = new SqlResources("ops", opsSchema);
        this.json = json;
    }

    /** One page of the trail, newest first. */
    public List<AuditRecord> page(int limit, int offset) {
        List<AuditRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.get("select_audit"))) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String args = rs.getString(5);
                    out.add(new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), new AuditEntry(
                            rs.getString(3), rs.getString(4), args == null ? null : json.readTree(args),
                            rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_event.arguments is not JSON", e);
        }
    }

    /** How many rows {@link #page} pages through. */
    public long count() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.get("count_audit"));
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static KfmException failure(SQLException e) {
        return new KfmException(ErrorCode.FAILED, "ops-store", "cannot read the audit trail in the ops schema: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
