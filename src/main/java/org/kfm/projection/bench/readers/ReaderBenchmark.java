package org.kfm.projection.bench.readers;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureFormat;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;

/**
 * Measures the feature readers: generates one synthetic artifact per format (or reuses it), then reads it
 * fully several times, recording wall time and peak heap (the sum of the heap pools' peaks since a GC before
 * the run, garbage included). A command, not a test: numbers depend on the machine.
 */
public final class ReaderBenchmark {
    private final FeatureReaders readers;
    private final SyntheticCatalogWriter writer;
    private final Consumer<String> log;

    public ReaderBenchmark(FeatureReaders readers, SyntheticCatalogWriter writer, Consumer<String> log) {
        this.readers = Objects.requireNonNull(readers, "readers");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** One timed read of a whole artifact. */
    /** Features and their points read from one artifact. */
    public record Tally(long features, long points) {
    }

    public record Run(long nanos, long peakHeapBytes, long features) {
    }

    /** All runs of one format, with the median run by time. */
    public record Result(SyntheticFormat format, Path file, long bytes, List<Run> runs) {
        public Run median() {
            List<Run> sorted = runs.stream().sorted(Comparator.comparingLong(Run::nanos)).toList();
            return sorted.get(sorted.size() / 2);
        }

        public double featuresPerSecond() {
            return median().features() / (median().nanos() / 1e9);
        }

        public double megabytesPerSecond() {
            return bytes / 1e6 / (median().nanos() / 1e9);
        }

        public long maxPeakHeapBytes() {
            return runs.stream().mapToLong(Run::peakHeapBytes).max().orElse(0);
        }
    }

    public Result run(SyntheticFormat format, Path dir, long features, long seed, int runs) throws IOException {
        Path out = dir.resolve(format.cliName() + "-" + features + "-s" + seed);
        Path file = SyntheticCatalogWriter.dataFile(out, 1, format);
        if (Files.exists(out.resolve("catalog.json")) && Files.exists(file)) {
            log.accept("reusing " + file);
        } else {
            long t0 = System.nanoTime();
            writer.write(new SyntheticCatalogWriter.Options(out, features, seed, 1, format));
            log.accept(String.format("generated %s (%,d bytes) in %.1f s", file, Files.size(file),
                    (System.nanoTime() - t0) / 1e9));
        }
        List<Run> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run r = readOnce(format, file);
            log.accept(String.format("%s run %d: %,d features in %.2f s, peak heap %,d MB", format.cliName(), i + 1,
                    r.features(), r.nanos() / 1e9, r.peakHeapBytes() >> 20));
            done.add(r);
        }
        return new Result(format, file, Files.size(file), List.copyOf(done));
    }

    private Run readOnce(SyntheticFormat format, Path file) throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        Tally tally = tally(readers, file, format.featureFormat());
        long nanos = System.nanoTime() - t0;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (tally.points() < tally.features()) {
            throw new IllegalStateException("every synthetic feature has at least one point");
        }
        return new Run(nanos, peak, tally.features());
    }

    /** Reads {@code file} to its end, one feature at a time (WGS 84), counting features and points. */
    public static Tally tally(FeatureReaders readers, Path file, FeatureFormat format) throws IOException {
        long points = 0;
        long count = 0;
        ReaderContext ctx = new ReaderContext(file.toUri().toString(), ReaderContext.WGS84);
        try (InputStream in = Files.newInputStream(file); FeatureReader reader = readers.open(in, format, ctx)) {
            for (Feature f = reader.next(); f != null; f = reader.next()) {
                points += f.geometry().getNumPoints();
                count++;
            }
        }
        return new Tally(count, points);
    }
}
