package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.testing.TestDatabase;

/**
 * Tiny projection generations for swap tests: a {@code feature_geom}-like table with a GiST index and
 * a {@code BEGIN ATOMIC} helper, filled with rows whose {@code dataset_version_id} names the
 * generation, so a reader can tell which generation answered.
 */
final class Generations {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Generations() {
    }

    /** A projection base name no other test in the database uses. */
    static PgIdentifier uniqueBase() {
        return PgIdentifier.of("kfm_t" + NEXT.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 4));
    }

    static SwapSettings settings(PgIdentifier base) {
        return SwapSettings.defaults(base, PgIdentifier.of("kfm_ops"));
    }

    /** Creates {@code schema} holding {@code rows} features of dataset version {@code marker}. */
    static void create(TestDatabase db, PgIdentifier schema, String marker, int rows) {
        String s = schema.quoted();
        db.execute("CREATE SCHEMA " + s);
        db.execute("CREATE TABLE " + s + ".feature_geom (dataset_version_id text NOT NULL, feature_id text NOT NULL,"
                + " geom geometry NOT NULL, properties jsonb, PRIMARY KEY (dataset_version_id, feature_id))");
        db.execute("CREATE INDEX ON " + s + ".feature_geom USING gist (geom)");
        db.execute("INSERT INTO " + s + ".feature_geom SELECT '" + marker + "', 'f' || i,"
                + " ST_SetSRID(ST_MakePoint(-98 + i * 0.001, 38), 4326), jsonb_build_object('i', i)"
                + " FROM generate_series(1, " + rows + ") i");
        db.execute("CREATE FUNCTION " + s + ".kfm_features_in_bbox(p_xmin float8, p_ymin float8, p_xmax float8,"
                + " p_ymax float8) RETURNS TABLE (dataset_version_id text, feature_id text) LANGUAGE sql STABLE"
                + " BEGIN ATOMIC SELECT f.dataset_version_id, f.feature_id FROM " + s + ".feature_geom f"
                + " WHERE f.geom && ST_MakeEnvelope(p_xmin, p_ymin, p_xmax, p_ymax, 4326)"
                + " ORDER BY f.dataset_version_id, f.feature_id; END");
        db.execute("ANALYZE " + s + ".feature_geom");
    }

    /** The marker of the generation answering under {@code schema}, or null when it has no rows. */
    static String marker(TestDatabase db, PgIdentifier schema) {
        return db.queryOne("SELECT min(dataset_version_id) FROM " + schema.quoted() + ".feature_geom");
    }

    static boolean exists(TestDatabase db, PgIdentifier schema) {
        return "t".equals(db.queryOne("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + schema.name()
                + "')"));
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
