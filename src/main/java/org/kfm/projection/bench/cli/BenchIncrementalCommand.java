package org.kfm.projection.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.bench.rebuild.BenchServices;
import org.kfm.projection.bench.rebuild.IncrementalBenchmark;
import org.kfm.projection.cli.CliTrigger;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "incremental", mixinStandardHelpOptions = true,
        description = "Measures an incremental rebuild against a full one (--full) of the same catalog, in the same "
                + "run: catalog A (--features over --datasets versions) is made live, catalog B changes one version's "
                + "artifact, and each run rebuilds B both ways, rolling back to A after each. Prints wall time, "
                + "phases and artifact bytes read, median of the runs (docs/performance.md, Incremental rebuild).")
public class BenchIncrementalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--features", defaultValue = "1000000", paramLabel = "N",
            description = "Features in the catalog (default: ${DEFAULT-VALUE}).")
    long features;

    @Option(names = "--datasets", defaultValue = "20", paramLabel = "K",
            description = "Dataset versions; one of them changes (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "Generated catalogs are kept here and reused.")
    Path dir;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Database to measure in (default: the configured datasource).")
    String jdbcUrl;

    @Option(names = "--projection", defaultValue = "kfm_bench_inc",
            description = "Projection the benchmark builds and swaps (default: ${DEFAULT-VALUE}).")
    String projection;

    private final Instance<AgroalDataSource> agroal;
    private final Settings settings;
    private final RebuildSettings rebuild;
    private final ArtifactStores stores;
    private final ObjectMapper json;

    @Inject
    public BenchIncrementalCommand(Instance<AgroalDataSource> agroal, Settings settings, RebuildSettings rebuild,
            ArtifactStores stores, ObjectMapper json) {
        this.agroal = agroal;
        this.settings = settings;
        this.rebuild = rebuild;
        this.stores = stores;
        this.json = json;
    }

    @Override
    public Integer call() throws Exception {
        if (features < datasets || runs < 1 || datasets < 2) {
            throw new UsageException("invalid-option", "--runs must be >= 1, --datasets >= 2, --features >= --datasets");
        }
        var services = BenchServices.create(BenchDatabase.of(jdbcUrl, agroal), settings, rebuild, stores, json, Clock.systemUTC(),
                PgIdentifier.of(projection));
        var err = spec.commandLine().getErr();
        IncrementalBenchmark.Result r = new IncrementalBenchmark(services, json, CliTrigger.of(settings), line -> {
            err.println(line);
            err.flush();
        }).run(new IncrementalBenchmark.Options(features, Files.createDirectories(dir), runs, seed, datasets));
        print(spec.commandLine().getOut(), r);
        return 0;
    }

    private static void print(PrintWriter out, IncrementalBenchmark.Result r) {
        List<IncrementalBenchmark.Sample> s = r.samples();
        out.printf(Locale.ROOT, "incremental vs full rebuild: %d features in %d dataset versions (%.1f MB of GeoJSON), "
                + "version %s changed; %d run(s), load average %.2f -> %.2f, %d cores%n", r.options().features(),
                r.options().datasets(), r.catalogBytes() / 1e6, r.changedVersion(), s.size(), r.loadBefore(),
                r.loadAfter(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-22s %12s %12s %8s%n", "median of runs", "incremental", "full", "ratio");
        row(out, "wall (catalog->swap)", s, m -> m.wall());
        for (String phase : List.of("PREPARING", "MIGRATING", "LOADING", "INDEXING", "VALIDATING", "SWAPPING")) {
            row(out, phase, s, m -> m.phases().getOrDefault(phase, Duration.ZERO));
        }
        long incBytes = median(s.stream().map(x -> x.incremental().bytesRead()).toList());
        long fullBytes = median(s.stream().map(x -> x.full().bytesRead()).toList());
        out.printf(Locale.ROOT, "%-22s %12d %12d %7.1f%%%n", "artifact bytes read", incBytes, fullBytes,
                100.0 * incBytes / fullBytes);
        IncrementalBenchmark.Measured first = s.get(0).incremental();
        out.printf(Locale.ROOT, "incremental: %d version(s) loaded, %d carried (%d rows); full: %d loaded%n",
                first.loaded(), first.carried(), first.carriedRows(), s.get(0).full().loaded());
        for (int i = 0; i < s.size(); i++) {
            out.printf(Locale.ROOT, "run %d: incremental %.2f s, full %.2f s (load average %.2f)%n", i + 1,
                    s.get(i).incremental().wall().toMillis() / 1e3, s.get(i).full().wall().toMillis() / 1e3,
                    s.get(i).loadAverage());
        }
        double ratio = (double) median(s.stream().map(x -> x.incremental().wall().toMillis()).toList())
                / median(s.stream().map(x -> x.full().wall().toMillis()).toList());
        out.printf(Locale.ROOT, "targets: bytes read <= 5%% of full: %s; wall <= 50%% of full: %s (%.0f%%)%n",
                incBytes * 20 <= fullBytes ? "met" : "NOT met", ratio <= 0.5 ? "met" : "NOT met", ratio * 100);
        out.flush();
    }

    private static void row(PrintWriter out, String name, List<IncrementalBenchmark.Sample> s,
            Function<IncrementalBenchmark.Measured, Duration> f) {
        long inc = median(s.stream().map(x -> f.apply(x.incremental()).toMillis()).toList());
        long full = median(s.stream().map(x -> f.apply(x.full()).toMillis()).toList());
        out.printf(Locale.ROOT, "%-22s %10.2f s %10.2f s %7.2f%n", name, inc / 1e3, full / 1e3,
                full == 0 ? 0 : (double) inc / full);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
