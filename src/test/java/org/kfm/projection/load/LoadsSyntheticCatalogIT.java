package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.kfm.projection.testing.TestDatabase;

/** A generated 20,000-feature catalog loaded on one and on two connections gives the same projection. */
class LoadsSyntheticCatalogIT {
    private static final long FEATURES = 20_000;
    private static final PgIdentifier SERIAL = PgIdentifier.of("synth_serial");
    private static final PgIdentifier PARALLEL = PgIdentifier.of("synth_parallel");

    @TempDir
    static Path dir;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static DataSource ds;
    private static Catalog catalog;
    private static LoadResult serial;
    private static LoadResult parallel;
    private static final List<LoadProgress> PROGRESS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void loadTwice() throws Exception {
        ds = db.dataSource();
        SyntheticCatalogWriter.Result written = new SyntheticCatalogWriter().write(
                new SyntheticCatalogWriter.Options(dir, FEATURES, 42, 5, SyntheticFormat.GEOJSON));
        catalog = LoadTesting.read(written.catalog());
        LoadTesting.migrate(ds, SERIAL.name());
        LoadTesting.migrate(ds, PARALLEL.name());
        serial = LoadTesting.loader(ds, 1).load(SERIAL, catalog, LoadListener.NONE);
        LoadSettings everyBlock = new LoadSettings(2, 4326, Duration.ZERO, 1000);
        ProjectionLoader loader = new ProjectionLoader(ds, ArtifactStores.create(StoreSettings.defaults()),
                new FeatureReaders(), everyBlock, Clock.systemUTC());
        parallel = loader.load(PARALLEL, catalog, new LoadListener() {
            @Override
            public void progress(LoadProgress p) {
                PROGRESS.add(p);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
    }

    @Test
    void oneAndTwoConnectionsGiveTheSameDigests() {
        assertEquals(1, serial.parallelism());
        assertEquals(2, parallel.parallelism());
        assertEquals(LoadTesting.javaDigests(serial), LoadTesting.javaDigests(parallel));
        assertEquals(LoadTesting.javaDigests(serial), LoadTesting.sqlDigests(ds, SERIAL));
        assertEquals(LoadTesting.javaDigests(parallel), LoadTesting.sqlDigests(ds, PARALLEL));
        assertEquals(5, serial.datasets().size());
    }

    @Test
    void everyFeatureBecomesOneRow() {
        assertEquals(FEATURES, serial.rows());
        assertEquals(FEATURES, parallel.rows());
        assertEquals(String.valueOf(FEATURES), LoadTesting.one(ds, "SELECT count(*) FROM synth_parallel.feature_geom"));
        assertEquals(List.of("synthetic-1-s42 | 4000", "synthetic-2-s42 | 4000", "synthetic-3-s42 | 4000",
                "synthetic-4-s42 | 4000", "synthetic-5-s42 | 4000"), LoadTesting.rows(ds, """
                SELECT dataset_version_id, count(*) FROM synth_serial.feature_geom GROUP BY 1 ORDER BY 1"""));
    }

    @Test
    void reportsProgressTowardsTheCatalogsTotalBytes() {
        long total = catalog.items().stream().flatMap(i -> i.assets().stream()).mapToLong(a -> a.size()).sum();
        assertTrue(PROGRESS.size() >= 2, "progress on every block with a zero interval: " + PROGRESS.size());
        LoadProgress last = PROGRESS.get(PROGRESS.size() - 1);
        assertEquals(FEATURES, last.rows());
        assertEquals(total, last.bytes());
        assertEquals(total, last.totalBytes());
        assertEquals(1.0, last.fraction());
        assertEquals(List.of(), last.currentAssets());
        assertTrue(PROGRESS.stream().anyMatch(p -> !p.currentAssets().isEmpty() && p.rows() > 0));
        for (int i = 1; i < PROGRESS.size(); i++) {
            assertTrue(PROGRESS.get(i).rows() >= PROGRESS.get(i - 1).rows(), "rows only grow");
        }
        assertEquals(total, parallel.bytes());
    }
}
