package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.testing.TestDatabase;

/**
 * The bundled sample catalog, loaded twice into two schemas: once with its indexes set aside on two
 * connections, once with them in place on one. Both loads must hold the same rows, byte for byte.
 */
class LoadsSampleCatalogIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static DataSource ds;
    private static Catalog catalog;
    private static LoadResult first;
    private static LoadResult second;
    private static final PgIdentifier A = PgIdentifier.of("sample_a");
    private static final PgIdentifier B = PgIdentifier.of("sample_b");

    @BeforeAll
    static void loadTwice() {
        ds = db.dataSource();
        catalog = LoadTesting.read(LoadTesting.SAMPLE_CATALOG);
        LoadTesting.migrate(ds, A.name());
        LoadTesting.migrate(ds, B.name());
        ShadowIndexes indexes = new ShadowIndexes(ds, 2, Clock.systemUTC());
        ShadowIndexes.SetAside aside = indexes.setAside(A);
        first = LoadTesting.loader(ds, 2).load(A, catalog, LoadListener.NONE);
        indexes.recreate(aside);
        second = LoadTesting.loader(ds, 1).load(B, catalog, LoadListener.NONE);
    }

    @Test
    void loadsEveryDeclaredFeatureOfEveryDatasetVersion() {
        assertEquals(4, first.datasets().size());
        for (CatalogItem item : catalog.items()) {
            DatasetLoad d = first.dataset(item.datasetVersionId()).orElseThrow();
            assertEquals(item.declaredFeatureCount(), d.featuresRead());
            assertEquals(item.declaredFeatureCount(), d.rowsCopied());
            assertEquals(String.valueOf(item.declaredFeatureCount()), LoadTesting.one(ds,
                    "SELECT count(*) FROM sample_a.feature_geom WHERE dataset_version_id = '"
                            + item.datasetVersionId() + "'"));
        }
        assertEquals(first.rows(), catalog.items().stream().mapToLong(CatalogItem::declaredFeatureCount).sum());
        assertEquals(first.bytes(), catalog.items().stream().flatMap(i -> i.assets().stream())
                .mapToLong(a -> a.size()).sum());
    }

    @Test
    void writesOneDatasetVersionRowPerItemFromTheCatalog() {
        assertEquals("kansas-counties | kansas-counties | kansas | 6 | 26914 | {-101.100001,37.389999,-96.499999,39.570001}"
                + " | t | t | 2025-05-20 17:30:00+00", LoadTesting.one(ds, """
                SELECT dataset_id, item_id, collection_id, declared_feature_count, source_epsg, bbox,
                       asset_hrefs[1] LIKE 'file:///%/samples/catalog/kansas/kansas-counties/counties-utm14n.geojson',
                       asset_checksums[1] ~ '^1220[0-9a-f]{64}$', promoted_at AT TIME ZONE 'UTC' || '+00'
                  FROM sample_a.dataset_version WHERE dataset_version_id = 'kansas-counties-20250520'"""));
        assertEquals("4", LoadTesting.one(ds, "SELECT count(*) FROM sample_b.dataset_version"));
    }

    @Test
    void rowsAreIdenticalWhicheverWayTheyWereLoaded() {
        String columns = "dataset_version_id, feature_id, ST_AsEWKB(geom), properties::text, evidence_ref,"
                + " updated_at, feature_index";
        assertEquals(List.of(), LoadTesting.rows(ds, "SELECT " + columns + " FROM sample_a.feature_geom EXCEPT SELECT "
                + columns + " FROM sample_b.feature_geom"));
        assertEquals(List.of(), LoadTesting.rows(ds, "SELECT " + columns + " FROM sample_b.feature_geom EXCEPT SELECT "
                + columns + " FROM sample_a.feature_geom"));
        assertEquals(LoadTesting.javaDigests(first), LoadTesting.javaDigests(second));
    }

    @Test
    void javaDigestsEqualTheDigestsComputedInSql() {
        assertEquals(LoadTesting.javaDigests(first), LoadTesting.sqlDigests(ds, A));
        assertEquals(LoadTesting.javaDigests(second), LoadTesting.sqlDigests(ds, B));
    }

    @Test
    void rowsComeFromTheCatalogNotTheClock() {
        assertEquals("kansas-landmarks/data#0 | 0 | t", LoadTesting.one(ds, """
                SELECT f.evidence_ref, f.feature_index, f.updated_at = d.promoted_at
                  FROM sample_a.feature_geom f JOIN sample_a.dataset_version d USING (dataset_version_id)
                 WHERE f.dataset_version_id = 'kansas-landmarks-20250314' AND f.feature_index = 0"""));
        assertEquals("0", LoadTesting.one(ds, """
                SELECT count(*) FROM sample_a.feature_geom f JOIN sample_a.dataset_version d USING (dataset_version_id)
                 WHERE f.updated_at <> d.promoted_at
                    OR f.evidence_ref <> d.item_id || '/data#' || f.feature_index"""));
    }

    @Test
    void keepsThePublishedHeight() {
        assertEquals("3 | 1231", LoadTesting.one(ds,
                "SELECT ST_NDims(geom), ST_Z(geom) FROM sample_a.feature_geom WHERE feature_id = 'gnis-479633'"));
    }

    @Test
    void transformsTheUtmItemToTheTargetSrid() {
        assertEquals("6 | 4326", LoadTesting.one(ds, """
                SELECT count(*), min(ST_SRID(geom)) FROM sample_a.feature_geom
                 WHERE dataset_version_id = 'kansas-counties-20250520'"""));
        String extent = LoadTesting.one(ds, """
                SELECT ST_XMin(e) > -102.1 AND ST_XMax(e) < -94.5 AND ST_YMin(e) > 36.9 AND ST_YMax(e) < 40.1
                  FROM (SELECT ST_Extent(geom)::geometry AS e FROM sample_a.feature_geom
                         WHERE dataset_version_id = 'kansas-counties-20250520') x""");
        assertEquals("t", extent, "UTM 14N metres became Kansas longitudes and latitudes");
        assertTrue(first.dataset("kansas-counties-20250520").orElseThrow().geometryDigest().startsWith("pghash:6:"));
    }
}
