package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.feature.FeatureFormat;
import org.kfm.projection.testing.TestDatabase;

/** Indexes set aside for the load come back exactly as the migrations (and anyone after them) made them. */
class ShadowIndexesIT {
    /** Everything PostgreSQL says about the schema's indexes and index-related constraints. */
    private static final String DESCRIBE = """
            SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid), c.contype, pg_get_constraintdef(c.oid),
                   x.indisclustered, coalesce(obj_description(x.indexrelid, 'pg_class'),
                                              obj_description(c.oid, 'pg_constraint'))
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
              LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
             WHERE t.relnamespace = '%1$s'::regnamespace
            UNION ALL
            SELECT t.relname, c.conname, NULL, c.contype, pg_get_constraintdef(c.oid), NULL,
                   obj_description(c.oid, 'pg_constraint')
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE t.relnamespace = '%1$s'::regnamespace AND c.contype = 'f'
             ORDER BY 1, 2""";
    private static final String EXTRAS = """
            CREATE TABLE %1$s.extra (
                id   int PRIMARY KEY,
                dv   text REFERENCES %1$s.dataset_version,
                code text,
                r    int4range,
                CONSTRAINT extra_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED,
                EXCLUDE USING gist (r WITH &&));
            CREATE INDEX extra_lower ON %1$s.extra (lower(code)) INCLUDE (id) WHERE id > 0;
            CREATE UNIQUE INDEX "Extra Odd" ON %1$s.extra (dv, id) WITH (fillfactor = 70);
            COMMENT ON INDEX %1$s.extra_lower IS 'it''s partial';
            COMMENT ON CONSTRAINT extra_pkey ON %1$s.extra IS 'the key';
            ALTER TABLE %1$s.extra CLUSTER ON extra_pkey;""";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = db.dataSource();
    }

    @Test
    void roundTripRecreatesEveryDefinitionExactly() {
        PgIdentifier schema = LoadTesting.migrate(ds, "round_trip");
        db.execute(EXTRAS.formatted(schema));
        List<String> before = LoadTesting.rows(ds, DESCRIBE.formatted(schema));
        ShadowIndexes indexes = new ShadowIndexes(ds, 2, Clock.systemUTC());

        ShadowIndexes.SetAside aside = indexes.setAside(schema);
        assertEquals(before.size(), aside.definitions().size());
        assertEquals(List.of(), LoadTesting.rows(ds, DESCRIBE.formatted(schema)));
        assertEquals(IndexDefinition.Kind.FOREIGN_KEY, aside.definitions().get(0).kind(), "dropped first");
        ShadowIndexes.Recreated recreated = indexes.recreate(aside);

        assertEquals(before, LoadTesting.rows(ds, DESCRIBE.formatted(schema)));
        assertEquals(before.size(), recreated.indexes().size());
        assertTrue(recreated.indexes().stream().anyMatch(t -> t.name().equals("feature_geom_geom_gist")));
        assertEquals(List.of("round_trip.dataset_version", "round_trip.extra", "round_trip.feature_geom",
                "round_trip.flyway_schema_history"), recreated.analyzed().stream().map(ShadowIndexes.AnalyzeTiming::table)
                .sorted().toList());
        assertEquals("t", LoadTesting.one(ds, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                + " WHERE schemaname = 'round_trip' AND relname = 'feature_geom'"));
        assertEquals(before.size(), indexes.capture(schema).size());
    }

    @Test
    void duplicateFeatureIdAcrossAssetsFailsTheRebuildNamingDatasetVersionAndId() {
        PgIdentifier schema = LoadTesting.migrate(ds, "dup_ids");
        ShadowIndexes indexes = new ShadowIndexes(ds, 2, Clock.systemUTC());
        ShadowIndexes.SetAside aside = indexes.setAside(schema);
        LoadResult loaded = LoadTesting.loader(ds, 1).load(schema,
                LoadTesting.read(LoadTesting.writeCatalog(dir, List.of(LoadFailuresIT.twoAssetsSharingAnId(dir)))),
                LoadListener.NONE);
        assertEquals(3, loaded.rows(), "with the key set aside the load itself cannot see the duplicate");

        BadInputException e = assertThrows(BadInputException.class, () -> indexes.recreate(aside));
        assertEquals("duplicate-feature-id", e.rule());
        assertEquals("dup_ids.feature_geom", e.artifact());
        assertEquals("dataset_version_id 'dup-v1', feature_id 'shared' (2 rows: dup/part-a#1, dup/part-b#0)",
                e.position());
        assertTrue(e.getMessage().contains("unique index feature_geom_pkey on dup_ids.feature_geom cannot be rebuilt"),
                e.getMessage());
    }

    @Test
    void duplicateFeatureIdWithinOneAssetIsFoundByThePrimaryKeyWithBothFeatureIndexes() {
        // The loader reads without an in-memory id set (no size limit), so the key is what finds it.
        Path data = LoadFailuresIT.write(dir, "twice.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [1, 2]}},
                  {"type": "Feature", "id": "twice", "geometry": {"type": "Point", "coordinates": [3, 4]}},
                  {"type": "Feature", "id": "b", "geometry": {"type": "Point", "coordinates": [5, 6]}},
                  {"type": "Feature", "id": "twice", "geometry": {"type": "Point", "coordinates": [7, 8]}}]}""");
        PgIdentifier schema = LoadTesting.migrate(ds, "dup_within");
        ShadowIndexes indexes = new ShadowIndexes(ds, 2, Clock.systemUTC());
        ShadowIndexes.SetAside aside = indexes.setAside(schema);
        LoadResult loaded = LoadTesting.loader(ds, 1).load(schema, LoadTesting.read(LoadTesting.writeCatalog(dir,
                List.of(new LoadTesting.Item("one", "one-v1", 4, 4326, null, List.of(new LoadTesting.Asset("data", data,
                        FeatureFormat.GEOJSON.mediaType())))))), LoadListener.NONE);
        assertEquals(4, loaded.rows());

        BadInputException e = assertThrows(BadInputException.class, () -> indexes.recreate(aside));
        assertEquals("duplicate-feature-id", e.rule());
        assertEquals("dataset_version_id 'one-v1', feature_id 'twice' (2 rows: one/data#1, one/data#3)", e.position());
        assertTrue(e.getMessage().contains("in each data asset and across them"), e.getMessage());
    }

    @Test
    void aFailingStatementCancelsTheOnesStillRunning() {
        StatementPool pool = new StatementPool(ds, Clock.systemUTC(), "test");
        long t0 = System.nanoTime();
        KfmException e = assertThrows(KfmException.class, () -> pool.run(List.of("SELECT pg_sleep(60)",
                "DO $$BEGIN PERFORM pg_sleep(0.5); PERFORM 1 / 0; END$$"), 2, (c, sql) -> {
                    try (var s = c.createStatement()) {
                        s.execute(sql);
                    }
                }));
        assertTrue(e.getMessage().contains("division by zero") && e.getMessage().endsWith("[SQLSTATE 22012]"),
                e.getMessage());
        assertEquals(0, e.getSuppressed().length, "the cancelled statement is a consequence, not a second failure");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds < 20, "the 60 s sleep was cancelled, not waited for: " + seconds + " s");
    }
}
