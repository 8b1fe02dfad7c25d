package org.kfm.projection.validate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.testing.TestDatabase;

/**
 * A real PostGIS database with generations built by migrating {@code migrations/postgis} and
 * inserting tiny inline rows with SQL; expectations are derived the way the loader would derive
 * them (declared count, features read, digest over the EWKB of every row).
 */
final class ParityFixture implements AutoCloseable {
    static final String COUNTIES = "ks-counties@2024-05";
    static final String WELLS = "ks-wells@7";
    static final String ROADS = "ks-roads@3";
    /** Kansas, as the catalog would give it. */
    static final double[] KANSAS = {-102.06, 36.99, -94.58, 40.01};

    final TestDatabase db = TestDatabase.create();
    private final SchemaMigrator migrator = new SchemaMigrator(db.dataSource(),
            MigrationSource.load("filesystem:" + TestDatabase.repoRoot() + "/migrations/postgis"), "", Clock.systemUTC());
    private final Set<String> migrated = new HashSet<>();

    PgIdentifier migrate(String schema) {
        PgIdentifier id = PgIdentifier.of(schema);
        migrator.migrate(id, null);
        return id;
    }

    /**
     * A generation of three dataset versions (polygons, points and lines, all in Kansas), migrated
     * on first use and emptied and refilled after that: Flyway takes about a second per schema.
     */
    PgIdentifier standardGeneration(String schema) {
        PgIdentifier s = emptyGeneration(schema);
        version(s, COUNTIES, 3, KANSAS);
        features(s, COUNTIES, "SRID=4326;POLYGON((-101 38,-100 38,-100 39,-101 39,-101 38))",
                "SRID=4326;POLYGON((-99 38,-98 38,-98 39,-99 39,-99 38),(-98.8 38.2,-98.2 38.2,-98.2 38.8,-98.8 38.2))",
                "SRID=4326;MULTIPOLYGON(((-96 37.5,-95 37.5,-95 38.5,-96 37.5)))");
        version(s, WELLS, 4, KANSAS);
        features(s, WELLS, "SRID=4326;POINT(-97.3 37.7)", "SRID=4326;POINT(-95.7 39.05)",
                "SRID=4326;POINT Z(-98.1 38.9 420.5)", "SRID=4326;POINT(-101.9 39.9)");
        version(s, ROADS, 2, KANSAS);
        features(s, ROADS, "SRID=4326;LINESTRING(-101 37.5,-95 39.5)", "SRID=4326;LINESTRING(-97 37,-97 40)");
        return s;
    }

    /** The schema migrated (once) and with empty tables. */
    PgIdentifier emptyGeneration(String schema) {
        PgIdentifier s = PgIdentifier.of(schema);
        if (migrated.add(schema)) {
            migrate(schema);
        }
        db.execute("TRUNCATE " + s.quoted() + ".feature_geom, " + s.quoted() + ".dataset_version");
        return s;
    }

    void version(PgIdentifier schema, String datasetVersionId, long declared, double[] bbox) {
        db.execute("INSERT INTO " + schema.quoted() + ".dataset_version (dataset_version_id, dataset_id, item_id, "
                + "collection_id, declared_feature_count, source_epsg, bbox, asset_hrefs, asset_checksums, promoted_at) "
                + "VALUES ('" + datasetVersionId + "', 'ds', 'item-" + datasetVersionId + "', 'col', " + declared
                + ", 4326, ARRAY[" + bbox[0] + ", " + bbox[1] + ", " + bbox[2] + ", " + bbox[3] + "]::float8[], "
                + "ARRAY['data.geojson'], ARRAY['1220" + "0".repeat(64) + "'], '2024-05-01T12:00:00Z')");
    }

    /** Appends features {@code f-001}, {@code f-002}, ... (numbered after the version's rows) with EWKT geometries. */
    void features(PgIdentifier schema, String datasetVersionId, String... ewkt) {
        int first = Integer.parseInt(strings("SELECT count(*) FROM " + schema.quoted() + ".feature_geom WHERE "
                + "dataset_version_id = '" + datasetVersionId.replace("'", "''") + "'").get(0));
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.quoted()
                + ".feature_geom (dataset_version_id, feature_id, geom, evidence_ref, updated_at, feature_index) "
                + "VALUES (?, ?, ST_GeomFromEWKT(?), ?, '2024-05-01T12:00:00Z', ?)")) {
            for (int i = first; i < first + ewkt.length; i++) {
                String featureId = String.format("f-%03d", i + 1);
                ps.setString(1, datasetVersionId);
                ps.setString(2, featureId);
                ps.setString(3, ewkt[i - first]);
                ps.setString(4, "item-" + datasetVersionId + "/data#" + i);
                ps.setLong(5, i);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the catalog and the loader would say about every dataset version now in {@code schema}. */
    List<Expectation> expectations(PgIdentifier schema) {
        List<Expectation> out = new ArrayList<>();
        for (String id : strings("SELECT dataset_version_id FROM " + schema.quoted() + ".dataset_version ORDER BY 1")) {
            out.add(expectation(schema, id));
        }
        return out;
    }

    Expectation expectation(PgIdentifier schema, String datasetVersionId) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT declared_feature_count, "
                + "bbox FROM " + schema.quoted() + ".dataset_version WHERE dataset_version_id = ?")) {
            ps.setString(1, datasetVersionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long declared = rs.getLong(1);
                Array bboxArray = rs.getArray(2);
                Double[] bbox = (Double[]) bboxArray.getArray();
                ReferenceDigest digest = digest(c, schema, datasetVersionId);
                long read = Long.parseLong(digest.digest().split(":")[1]);
                return new Expectation(datasetVersionId, declared, OptionalLong.of(read), Optional.of(digest.digest()),
                        bbox[0], bbox[1], bbox[2], bbox[3]);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference digest over the rows' {@code ST_AsEWKB}, read in a deliberately scrambled order. */
    ReferenceDigest digest(Connection c, PgIdentifier schema, String datasetVersionId) throws SQLException {
        ReferenceDigest digest = new ReferenceDigest();
        try (PreparedStatement ps = c.prepareStatement("SELECT feature_id, ST_AsEWKB(geom) FROM " + schema.quoted()
                + ".feature_geom WHERE dataset_version_id = ? ORDER BY md5(feature_id)")) {
            ps.setString(1, datasetVersionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    digest.add(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        return digest;
    }

    List<String> strings(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }

    ParityValidator validator() {
        return new ParityValidator(db.dataSource(), Clock.systemUTC());
    }

    @Override
    public void close() {
        db.close();
    }
}
