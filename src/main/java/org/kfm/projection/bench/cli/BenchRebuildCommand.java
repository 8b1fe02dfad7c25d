package org.kfm.projection.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.bench.synth.CoordinatePrecision;
import org.kfm.projection.cli.CliTrigger;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.bench.rebuild.BenchReport;
import org.kfm.projection.bench.rebuild.BenchServices;
import org.kfm.projection.bench.rebuild.PgTarget;
import org.kfm.projection.bench.rebuild.RebuildBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Generates a synthetic GeoJSON catalog (or reuses it under --dir) and measures, on the same "
                + "rows and in the same run: the rebuild's phases (the real orchestrator, forced, into a projection of "
                + "its own), reference A (psql binary COPY of the same rows + the same indexes + ANALYZE), reference B "
                + "(ogr2ogr + GiST + ANALYZE), and the packaged rebuild command in a child JVM (wall time, peak RSS). "
                + "Prints medians, features/s and the ratios against the targets. Needs psql and ogr2ogr on the PATH.")
public class BenchRebuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--features", required = true, paramLabel = "N", description = "Features in the catalog.")
    long features;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep generated data here and reuse it on the next run (default: a temporary directory, "
                    + "deleted afterwards).")
    Path dir;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--parallelism", paramLabel = "P",
            description = "Connections for COPY and for index builds (default: kfm.load.parallelism; automatic: "
                    + "half the cores for COPY, all for index builds).")
    Integer parallelism;

    @Option(names = "--datasets", defaultValue = "4", description = "Dataset versions (files) (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--coordinate-precision", defaultValue = "full", converter = CoordinatePrecisionConverter.class,
            paramLabel = "0..15|full", description = "Precision of the generated coordinates (default: "
                    + "${DEFAULT-VALUE}). full writes unrounded doubles (15-17 significant digits) as GDAL, QGIS and "
                    + "most exporters do, the kind of file the issue's 532 MB reference workload of 1,000,000 features "
                    + "is (this generator's compact GeoJSON: 493 MB); 6 (1e-6 degree) reproduces the earlier 370.5 MB "
                    + "figures. ogr2ogr's time grows with the bytes, so compare runs of one precision only.")
    CoordinatePrecision precision;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Database to use instead of the configured datasource (jdbc:postgresql://host:port/db?user=..).")
    String jdbcUrl;

    @Option(names = "--projection", defaultValue = "kfm_bench",
            description = "Projection the benchmark rebuilds and swaps; never the configured one (default: ${DEFAULT-VALUE}).")
    String projection;

    @Option(names = "--jar", paramLabel = "PATH",
            description = "Packaged quarkus-run.jar for the whole-command run (default: this application's, else "
                    + "target/quarkus-app/quarkus-run.jar).")
    Path jar;

    @Option(names = "--child-heap", defaultValue = "256m", description = "-Xmx of the child JVM (default: ${DEFAULT-VALUE}).")
    String childHeap;

    @Option(names = "--psql", defaultValue = "psql", description = "psql executable (default: ${DEFAULT-VALUE}).")
    String psql;

    @Option(names = "--keep-schemas", description = "Keep the benchmark projection's schemas afterwards.")
    boolean keepSchemas;

    private final Instance<AgroalDataSource> agroal;
    private final Settings settings;
    private final RebuildSettings rebuild;
    private final ArtifactStores stores;
    private final ObjectMapper json;

    @Inject
    public BenchRebuildCommand(Instance<AgroalDataSource> agroal, Settings settings, RebuildSettings rebuild,
            ArtifactStores stores, ObjectMapper json) {
        this.agroal = agroal;
        this.settings = settings;
        this.rebuild = rebuild;
        this.stores = stores;
        this.json = json;
    }

    @Override
    public Integer call() throws Exception {
        if (features < 1 || runs < 1 || datasets < 1 || (parallelism != null && parallelism < 1)) {
            throw new UsageException("invalid-option", "--features, --runs, --datasets and --parallelism must be >= 1");
        }
        DataSource ds = BenchDatabase.of(jdbcUrl, agroal);
        PgTarget target = target(ds);
        RebuildSettings r = parallelism != null ? rebuild.withParallelism(parallelism) : rebuild;
        var services = BenchServices.create(ds, settings, r, stores, json, Clock.systemUTC(),
                PgIdentifier.of(projection));
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kfm-bench-rebuild");
        var err = spec.commandLine().getErr();
        RebuildBenchmark.Result result;
        try {
            result = new RebuildBenchmark(services, target, CliTrigger.of(settings), line -> {
                err.println(line);
                err.flush();
            }).run(new RebuildBenchmark.Options(features, base, runs, seed, datasets, precision,
                    PgIdentifier.of(projection), jar(), ProcessHandle.current().info().command().orElse("java"),
                    childHeap, psql, !keepSchemas));
        } finally {
            if (dir == null) {
                deleteTree(base);
            }
        }
        var out = spec.commandLine().getOut();
        new BenchReport(result).lines().forEach(out::println);
        out.flush();
        return 0;
    }

    /** What psql and ogr2ogr need, from the URL the data source really connects with. */
    private PgTarget target(DataSource ds) throws SQLException {
        String url;
        String user;
        try (Connection c = ds.getConnection()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        Optional<String> password = jdbcUrl != null ? Optional.empty()
                : ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class);
        return PgTarget.fromJdbcUrl(jdbcUrl != null ? jdbcUrl : url, Optional.ofNullable(user), password);
    }

    /** The temporary data directory and everything in it (generated GeoJSON, the reference COPY file). */
    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Optional<Path> jar() {
        if (jar != null) {
            return Optional.of(jar);
        }
        String cp = System.getProperty("java.class.path", "");
        if (cp.endsWith("quarkus-run.jar") && Files.exists(Path.of(cp))) {
            return Optional.of(Path.of(cp).toAbsolutePath());
        }
        Path built = Path.of("target/quarkus-app/quarkus-run.jar");
        return Files.exists(built) ? Optional.of(built.toAbsolutePath()) : Optional.empty();
    }
}
