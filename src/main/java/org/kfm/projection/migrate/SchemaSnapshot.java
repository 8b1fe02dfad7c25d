package org.kfm.projection.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;

/**
 * Every object of one schema (tables, columns and types, constraints, indexes, functions, views,
 * triggers, types, grants), keyed by kind and name, with the schema's own name replaced by
 * {@code <schema>} so two schemas built by different paths can be compared. The Flyway history
 * table is left out: its rows differ by design (install times, the order of runs).
 */
public record SchemaSnapshot(String schema, Map<String, String> objects) {
    private static final SqlResources SQL = new SqlResources("snapshot", null);

    public SchemaSnapshot {
        objects = Map.copyOf(objects);
    }

    public static SchemaSnapshot of(Connection c, PgIdentifier schema) throws SQLException {
        Map<String, String> objects = new LinkedHashMap<>();
        Pattern own = Pattern.compile("(\"" + Pattern.quote(schema.name()) + "\"|\\b" + Pattern.quote(schema.name())
                + "\\b)(?=\\.)");
        try (PreparedStatement ps = c.prepareStatement(SQL.get("objects"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    if (name.startsWith(SchemaMigrator.HISTORY_TABLE)) {
                        continue;
                    }
                    String definition = own.matcher(rs.getString(3)).replaceAll(Matcher.quoteReplacement("<schema>"));
                    objects.put(rs.getString(1) + " " + name, definition);
                }
            }
        }
        return new SchemaSnapshot(schema.name(), objects);
    }
}
