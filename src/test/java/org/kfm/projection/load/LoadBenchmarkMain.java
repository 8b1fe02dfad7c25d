package org.kfm.projection.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures the loader once, by hand (not a test): {@code java -cp ... LoadBenchmarkMain JDBC_URL DIR
 * FEATURES DATASETS PARALLELISM...}. Generates (or reuses) a synthetic GeoJSON catalog, reads it once
 * without a database, then per parallelism: migrates a fresh schema, sets its indexes aside, loads,
 * recreates the indexes and ANALYZEs, and compares the Java digests with SQL's.
 */
public final class LoadBenchmarkMain {
    private LoadBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        Path dir = Path.of(args[1]);
        long features = Long.parseLong(args[2]);
        int datasets = Integer.parseInt(args[3]);
        Catalog catalog = catalog(dir, features, datasets);
        readOnly(catalog);
        for (int i = 4; i < args.length; i++) {
            run(ds, catalog, Integer.parseInt(args[i]));
        }
    }

    /** CPU time of this JVM (all threads, GC and JIT included): robust where wall time is not, on a busy machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Catalog catalog(Path dir, long features, int datasets) throws IOException {
        Path out = dir.resolve("geojson-" + features + "-d" + datasets);
        if (!Files.exists(out.resolve("catalog.json"))) {
            long t0 = System.nanoTime();
            new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(out, features, 42, datasets,
                    SyntheticFormat.GEOJSON));
            System.out.printf("generated %s in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
        }
        return LoadTesting.read(out.resolve("catalog.json"));
    }

    /** Parse-only pass over every asset on one thread: the reader's ceiling on this machine. */
    private static void readOnly(Catalog catalog) throws IOException {
        ArtifactStores stores = ArtifactStores.create(StoreSettings.defaults());
        FeatureReaders readers = new FeatureReaders();
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        long n = 0;
        long bytes = 0;
        for (CatalogItem item : catalog.items()) {
            for (DataAsset a : item.assets()) {
                ReaderContext ctx = new ReaderContext(a.href().toString(), item.sourceEpsg());
                try (InputStream in = stores.openVerified(a.href(), a.checksum(), a.size());
                        FeatureReader r = readers.open(in, a.format(), ctx)) {
                    for (Feature f = r.next(); f != null; f = r.next()) {
                        n++;
                    }
                }
                bytes += a.size();
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("read only (1 thread, checksum + parse + transform check): %,d features, %,d bytes in %.1f s"
                + " = %,.0f features/s, CPU %.1f s%n", n, bytes, s, n / s, (cpuNanos() - cpu0) / 1e9);
    }

    private static void run(DataSource ds, Catalog catalog, int parallelism) throws Exception {
        PgIdentifier schema = PgIdentifier.of("bench_p" + parallelism);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE");
        }
        LoadTesting.migrate(ds, schema.name());
        ShadowIndexes indexes = new ShadowIndexes(ds, parallelism, Clock.systemUTC());
        ShadowIndexes.SetAside aside = indexes.setAside(schema);
        long cpu0 = cpuNanos();
        LoadResult r = LoadTesting.loader(ds, parallelism).load(schema, catalog, LoadListener.NONE);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        System.out.printf("parallelism %d: load %,d rows in %.1f s = %,.0f features/s (%.1f MB/s of GeoJSON),"
                + " client CPU %.1f s%n", parallelism, r.rows(), r.duration().toMillis() / 1e3, r.rowsPerSecond(),
                r.bytes() / 1e6 / (r.duration().toMillis() / 1e3), cpu);
        ShadowIndexes.Recreated x = indexes.recreate(aside);
        System.out.printf("parallelism %d: indexes %.1f s, ANALYZE %.1f s%n", parallelism,
                x.indexing().toMillis() / 1e3, x.analyzing().toMillis() / 1e3);
        x.indexes().forEach(t -> System.out.printf("    %-12s %-32s %7.2f s%n", t.kind(), t.name(),
                t.duration().toMillis() / 1e3));
        long t0 = System.nanoTime();
        Map<String, String> sql;
        try (Connection c = ds.getConnection()) {
            sql = GeometryDigests.inDatabase(c, schema);
        }
        System.out.printf("parallelism %d: SQL digest in %.1f s, equal to Java's: %s%n", parallelism,
                (System.nanoTime() - t0) / 1e9, sql.equals(LoadTesting.javaDigests(r)));
    }
}
