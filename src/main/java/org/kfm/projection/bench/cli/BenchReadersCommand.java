package org.kfm.projection.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.bench.readers.ReaderBenchmark;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "readers", mixinStandardHelpOptions = true,
        description = "Generates one artifact per format (or reuses those under --dir) and reads each fully, "
                + "printing features/s, MB/s and peak heap per format (median of the runs).")
public class BenchReadersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--features", required = true, paramLabel = "N", description = "Features per artifact.")
    long features;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep generated data here and reuse it on the next run (default: a temporary directory).")
    Path dir;

    @Option(names = "--runs", defaultValue = "3", description = "Timed reads per format (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (features < 1 || runs < 1) {
            throw new UsageException("invalid-option", "--features and --runs must be >= 1");
        }
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kfm-bench-readers");
        ReaderBenchmark bench = new ReaderBenchmark(new FeatureReaders(), new SyntheticCatalogWriter(),
                line -> spec.commandLine().getErr().println(line));
        List<ReaderBenchmark.Result> results = new ArrayList<>();
        for (SyntheticFormat format : SyntheticFormat.values()) {
            results.add(bench.run(format, base, features, seed, runs));
        }
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-8s %12s %12s %10s %9s %14s%n", "format", "features", "features/s", "MB/s",
                "file MB", "peak heap MB");
        for (ReaderBenchmark.Result r : results) {
            out.printf(Locale.ROOT, "%-8s %,12d %,12.0f %10.1f %9.1f %14d%n", r.format().cliName(),
                    r.median().features(), r.featuresPerSecond(), r.megabytesPerSecond(), r.bytes() / 1e6,
                    r.maxPeakHeapBytes() >> 20);
        }
        out.printf(Locale.ROOT, "median of %d runs; JVM max heap %d MB; %d cores; data in %s%n", runs,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), base);
        return 0;
    }
}
