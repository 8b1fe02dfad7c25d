package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;

/** Reads and records which generation schemas exist; statements run on the caller's connection. */
final class GenerationSchemas {
    private final GenerationNames names;
    private final SqlResources sql = new SqlResources("swap", null);

    GenerationSchemas(GenerationNames names) {
        this.names = names;
    }

    SchemaState read(Connection c) throws SQLException {
        Map<String, String> comments = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.get("generation_schemas"))) {
            ps.setString(1, names.base().name());
            ps.setString(2, names.base().name() + "_");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    comments.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return new SchemaState(comments);
    }

    /** The retired schemas, oldest generation first. */
    List<PgIdentifier> retired(SchemaState state) {
        List<PgIdentifier> out = new ArrayList<>();
        state.comments().keySet().stream()
                .filter(s -> names.retiredGeneration(s).isPresent())
                .sorted((a, b) -> Long.compare(names.retiredGeneration(a).getAsLong(),
                        names.retiredGeneration(b).getAsLong()))
                .forEach(s -> out.add(PgIdentifier.of(s)));
        return out;
    }

    static void rename(Connection c, PgIdentifier from, PgIdentifier to) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA " + from.quoted() + " RENAME TO " + to.quoted());
        }
    }

    /** Records the generation number on the schema; the comment travels with it through renames. */
    static void recordGeneration(Connection c, PgIdentifier schema, long generation) throws SQLException {
        try (Statement s = c.createStatement()) {
            // a number in a fixed text: nothing to escape
            s.execute("COMMENT ON SCHEMA " + schema.quoted() + " IS '" + SchemaState.commentFor(generation) + "'");
        }
    }

    /** {@code SET LOCAL lock_timeout}, with the value bound. */
    static void setLocalLockTimeout(Connection c, java.time.Duration timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setString(1, timeout.toMillis() + "ms");
            ps.execute();
        }
    }
}
