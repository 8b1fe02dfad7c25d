package org.kfm.projection.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.kfm.projection.error.BadInputException;

/**
 * Turns a unique index that cannot be rebuilt (SQLSTATE 23505) into a bad-input error naming the
 * duplicated key, found by querying the table. For {@code feature_geom}'s key that is the dataset
 * version and the feature id used twice, in one asset or in two assets of the version.
 */
final class DuplicateKeys {
    /** SQLSTATE unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";
    /** The column that says where a projected row came from (DESIGN §3), listed when the table has it. */
    private static final String EVIDENCE_COLUMN = "evidence_ref";
    private static final int SHOWN = 3;

    private DuplicateKeys() {
    }

    /**
     * The error for a failed rebuild of {@code index}. When the key is made of columns the duplicates
     * are queried; otherwise, or if the query fails, the server's own detail is used.
     */
    static BadInputException describe(Connection c, IndexDefinition index, SQLException cause) {
        String rule = index.keyColumns().contains("feature_id") ? "duplicate-feature-id" : "duplicate-key";
        String advice = rule.equals("duplicate-feature-id")
                ? "feature ids must be unique within a dataset version, in each data asset and across them (the "
                        + "evidence refs say <item>/<asset>#<feature index> of each copy): fix the artifacts and promote "
                        + "a new dataset version"
                : "the loaded rows break a unique key the migrations declare: fix the inputs";
        String what = "unique index " + index.name() + " on " + index.qualifiedTable() + " cannot be rebuilt";
        if (index.keyColumns().isEmpty()) {
            return new BadInputException(rule, index.qualifiedTable(), null, what + ": " + cause.getMessage()
                    + "; " + advice, cause);
        }
        try {
            List<String> found = query(c, index);
            String position = found.isEmpty() ? null : found.get(0);
            String more = found.size() > 1 ? "; also " + String.join("; ", found.subList(1, found.size())) : "";
            return new BadInputException(rule, index.qualifiedTable(), position, what + more + "; " + advice, cause);
        } catch (SQLException e) {
            BadInputException bad = new BadInputException(rule, index.qualifiedTable(), null, what + ": "
                    + cause.getMessage() + "; " + advice, cause);
            bad.addSuppressed(e);
            return bad;
        }
    }

    /** Up to {@link #SHOWN} duplicated keys, each as {@code col 'value', col 'value' (N rows: evidence)}. */
    private static List<String> query(Connection c, IndexDefinition index) throws SQLException {
        List<String> keys = index.keyColumns();
        boolean evidence = hasEvidence(c, index);
        String agg = evidence ? ", string_agg(%1$s, ', ' ORDER BY %1$s)".formatted(EVIDENCE_COLUMN) : "";
        String sql = """
                SELECT %s, count(*)%s
                  FROM %s
                 WHERE %s
                 GROUP BY %s
                HAVING count(*) > 1
                 ORDER BY %s
                 LIMIT %d""".formatted(
                keys.stream().map(k -> k + "::text").collect(Collectors.joining(", ")), agg,
                index.qualifiedTable(), keys.stream().map(k -> k + " IS NOT NULL").collect(Collectors.joining(" AND ")),
                String.join(", ", keys), String.join(", ", keys), SHOWN);
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < keys.size(); i++) {
                    key.append(i == 0 ? "" : ", ").append(keys.get(i)).append(" '").append(rs.getString(i + 1))
                            .append('\'');
                }
                key.append(" (").append(rs.getLong(keys.size() + 1)).append(" rows");
                if (evidence) {
                    key.append(": ").append(rs.getString(keys.size() + 2));
                }
                out.add(key.append(')').toString());
            }
        }
        return out;
    }

    private static boolean hasEvidence(Connection c, IndexDefinition index) throws SQLException {
        String sql = """
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                                WHERE attrelid = ?::regclass AND attname = ? AND attnum > 0 AND NOT attisdropped)""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, index.qualifiedTable());
            ps.setString(2, EVIDENCE_COLUMN);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
