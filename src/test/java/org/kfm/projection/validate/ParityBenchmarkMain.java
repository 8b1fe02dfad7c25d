package org.kfm.projection.validate;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.kfm.projection.db.PgIdentifier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Benchmark, not a test (DESIGN §8): how much parity validation adds to a load. Generates N rows
 * with SQL (half 33-vertex polygons, half points, in 10 dataset versions; optionally a fraction of
 * invalid bow-ties), writes them as COPY text, then times what the loader's database side does
 * (COPY into the shadow with indexes set aside, primary key, GiST, ANALYZE) and the validation of
 * that shadow: alone, with an identical live generation scanned, and with its recorded results.
 *
 * <pre>
 * KFM_TEST_JDBC_URL=... java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.kfm.projection.validate.ParityBenchmarkMain [rows=1000000] [invalidFraction=0] [repeats=3]
 * </pre>
 */
public final class ParityBenchmarkMain {
    private static final int VERSIONS = 10;

    private ParityBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        double invalid = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path copyFile = Files.createTempFile("kfm-parity-bench", ".tsv");
        try (ParityFixture fx = new ParityFixture()) {
            PgIdentifier shadow = fx.migrate("kfm_index_shadow");
            PgIdentifier live = fx.migrate("kfm_index");
            try (Connection c = fx.db.connect(); Statement s = c.createStatement()) {
                long t = System.nanoTime();
                s.execute(generate(rows, invalid));
                print("generate %d rows in SQL: %.2f s", rows, secs(t));
                t = System.nanoTime();
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(copyFile), 1 << 20)) {
                    copy(c).copyOut("COPY bench_rows TO STDOUT", out);
                }
                print("COPY TO file (%d MB): %.2f s", Files.size(copyFile) >> 20, secs(t));
                print("machine load average before: %s", loadAverage());
                double load = load(c, s, copyFile);
                List<Expectation> expectations = datasetVersions(s, fx, shadow);
                s.execute("INSERT INTO kfm_index.dataset_version SELECT * FROM kfm_index_shadow.dataset_version;"
                        + "INSERT INTO kfm_index.feature_geom SELECT * FROM kfm_index_shadow.feature_geom; "
                        + "ANALYZE kfm_index.feature_geom");
                ParityValidator validator = new ParityValidator(fx.db.dataSource(), Clock.systemUTC());
                ParityPolicy policy = ParityPolicy.defaults(4326);
                LiveBaseline recorded = LiveBaseline.recorded(live, validator.validate(live, Optional.empty(),
                        expectations, policy).recordedVersions());
                // Round-robin, so drifting load on a shared machine hits every variant alike.
                double[] median = medians(repeats, List.of(
                        () -> validator.validate(shadow, Optional.empty(), expectations, policy),
                        () -> validator.validate(shadow, Optional.of(live), expectations, policy),
                        () -> validator.validate(shadow, recorded, expectations, policy)));
                print("validate shadow alone: %.2f s (%.0f%% of load)", median[0], 100 * median[0] / load);
                print("validate shadow + live scan: %.2f s (%.0f%% of load)", median[1], 100 * median[1] / load);
                print("validate shadow + recorded live: %.2f s (%.0f%% of load)", median[2],
                        100 * median[2] / load);
                SerialCpuDataSource serial = new SerialCpuDataSource(fx.db.jdbcUrl());
                ParityValidator serialValidator = new ParityValidator(serial, Clock.systemUTC());
                serialValidator.validate(shadow, Optional.empty(), expectations, policy);
                double cpuAlone = serial.takeCpuSeconds();
                serialValidator.validate(shadow, Optional.of(live), expectations, policy);
                print("validation CPU without parallel workers: shadow alone %.2f s, shadow + live scan %.2f s",
                        cpuAlone, serial.takeCpuSeconds());
                print("machine load average after: %s", loadAverage());
                ParityReport last = validator.validate(shadow, Optional.of(live), expectations, policy);
                print("last report: passed=%s, %d findings, %d rows", last.passed(), last.findings().size(),
                        last.shadowRows());
            }
        } finally {
            Files.deleteIfExists(copyFile);
        }
    }

    /** The loader's database side: COPY with indexes set aside, then primary key, GiST and ANALYZE. */
    private static double load(Connection c, Statement s, Path copyFile) throws Exception {
        s.execute("ALTER TABLE kfm_index_shadow.feature_geom DROP CONSTRAINT feature_geom_pkey; "
                + "DROP INDEX kfm_index_shadow.feature_geom_geom_gist; "
                // one backend does all the work, so its CPU time is the load's database CPU time
                + "SET max_parallel_maintenance_workers = 0");
        int pid = backendPid(c);
        double cpu0 = cpuSeconds(pid);
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(copyFile)) {
            copy(c).copyIn("COPY kfm_index_shadow.feature_geom (dataset_version_id, feature_id, geom, properties, "
                    + "evidence_ref, updated_at, feature_index) FROM STDIN", in, 1 << 16);
        }
        double copy = secs(t0);
        long t1 = System.nanoTime();
        s.execute("ALTER TABLE kfm_index_shadow.feature_geom ADD CONSTRAINT feature_geom_pkey "
                + "PRIMARY KEY (dataset_version_id, feature_id)");
        double pk = secs(t1);
        long t2 = System.nanoTime();
        s.execute("CREATE INDEX feature_geom_geom_gist ON kfm_index_shadow.feature_geom USING gist (geom)");
        double gist = secs(t2);
        long t3 = System.nanoTime();
        s.execute("ANALYZE kfm_index_shadow.feature_geom");
        double analyze = secs(t3);
        double total = secs(t0);
        print("load: COPY %.2f s + primary key %.2f s + GiST %.2f s + ANALYZE %.2f s = %.2f s wall, %.2f s backend CPU",
                copy, pk, gist, analyze, total, cpuSeconds(pid) - cpu0);
        return total;
    }

    private static List<Expectation> datasetVersions(Statement s, ParityFixture fx, PgIdentifier shadow)
            throws SQLException {
        for (int v = 0; v < VERSIONS; v++) {
            long n = Long.parseLong(fx.strings("SELECT count(*) FROM kfm_index_shadow.feature_geom "
                    + "WHERE dataset_version_id = 'bench-" + v + "@1'").get(0));
            fx.version(shadow, "bench-" + v + "@1", n, new double[] {-102.1, 36.9, -94.5, 40.1});
        }
        List<Expectation> out = new ArrayList<>();
        for (Expectation e : fx.expectations(shadow)) {
            out.add(new Expectation(e.datasetVersionId(), e.declaredCount(), OptionalLong.of(e.declaredCount()),
                    Optional.empty(), e.minX(), e.minY(), e.maxX(), e.maxY()));
        }
        return out;
    }

    private static String generate(long rows, double invalidFraction) {
        long everyInvalid = invalidFraction <= 0 ? 0 : Math.max(1, Math.round(1 / invalidFraction));
        return String.format(Locale.ROOT, """
                CREATE UNLOGGED TABLE bench_rows AS
                SELECT 'bench-' || (i %% %d) || '@1' AS dataset_version_id,
                       'f-' || lpad(i::text, 9, '0') AS feature_id,
                       CASE WHEN %d > 0 AND i %% %d = 0
                            THEN ST_SetSRID(ST_Translate('POLYGON((0 0,0.001 0.001,0.001 0,0 0.001,0 0))'::geometry,
                                 -102 + (i %% 1000) * 0.007, 37 + (i / 1000 %% 1000) * 0.003), 4326)
                            WHEN i %% 2 = 0
                            THEN ST_Buffer(ST_SetSRID(ST_Point(-102 + (i %% 1000) * 0.007,
                                 37 + (i / 1000 %% 1000) * 0.003), 4326), 0.001)
                            ELSE ST_SetSRID(ST_Point(-102 + (i %% 1000) * 0.007, 37 + (i / 1000 %% 1000) * 0.003), 4326)
                       END AS geom,
                       jsonb_build_object('name', 'feature ' || i, 'n', i) AS properties,
                       'bench/data.geojson#' || i AS evidence_ref,
                       timestamptz '2024-05-01 12:00:00+00' AS updated_at,
                       i AS feature_index
                  FROM generate_series(0::bigint, %d - 1) AS i""", VERSIONS, everyInvalid, Math.max(everyInvalid, 1),
                rows);
    }

    private interface Run {
        ParityReport run();
    }

    /** The median wall-clock seconds of each run, the runs taken in turn {@code repeats} times. */
    private static double[] medians(int repeats, List<Run> runs) {
        double[][] t = new double[runs.size()][repeats];
        for (int i = 0; i < repeats; i++) {
            for (int r = 0; r < runs.size(); r++) {
                long start = System.nanoTime();
                runs.get(r).run();
                t[r][i] = secs(start);
            }
        }
        double[] median = new double[runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            Arrays.sort(t[r]);
            print("  runs of variant %d: %s", r, Arrays.toString(t[r]));
            median[r] = t[r][repeats / 2];
        }
        return median;
    }

    /**
     * Connections without parallel workers whose backends' CPU time is added up when they close:
     * CPU seconds, unlike wall time, do not depend on what else runs on the shared machine.
     */
    private static final class SerialCpuDataSource extends PGSimpleDataSource {
        private double cpu;

        SerialCpuDataSource(String url) {
            setURL(url);
            setOptions("-c max_parallel_workers_per_gather=0");
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = super.getConnection();
            int pid = backendPid(c);
            double before = cpuSeconds(pid);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            cpu += cpuSeconds(pid) - before;
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        double takeCpuSeconds() {
            double out = cpu;
            cpu = 0;
            return out;
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** User + system CPU seconds of a local process ({@code /proc/<pid>/stat}, 100 ticks per second). */
    private static double cpuSeconds(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shared machine's 1/5/15-minute load averages: figures taken under load are not comparable. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
