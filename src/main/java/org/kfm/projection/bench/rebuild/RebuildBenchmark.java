package org.kfm.projection.bench.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogReader;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.bench.synth.CoordinatePrecision;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RebuildResult;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.run.RunObserver;

/**
 * Measures a whole rebuild against the physical limit and against ogr2ogr, on the same rows and in
 * the same run (so the other load on the machine is shared): generates (or reuses) a synthetic
 * GeoJSON catalog, warms up with one untimed rebuild, exports the loaded rows for reference A, then
 * per run: the real orchestrator with {@code force} into the benchmark's projection (phase timings
 * from its receipt), reference A, reference B, and the packaged {@code rebuild} command in a child
 * JVM (wall time and peak RSS). Every figure is the median over the runs.
 */
public final class RebuildBenchmark {
    private static final Pattern PHASE_MS = Pattern.compile("=(\\d+)ms");

    /**
     * @param dir data directory; the catalog goes to {@code dir/geojson-<N>-s<seed>-d<datasets>-p<precision>}
     *     and is reused
     * @param precision the generated coordinates' precision; full gives the bytes per feature of real exports
     * @param jar the packaged {@code quarkus-run.jar} for the whole-command run; empty to skip that run
     * @param java the {@code java} launcher for the child JVM
     */
    public record Options(long features, Path dir, int runs, long seed, int datasets, CoordinatePrecision precision,
            PgIdentifier projection, Optional<Path> jar, String java, String childHeap, String psql,
            boolean dropSchemas) {
        public Options {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(projection, "projection");
            Objects.requireNonNull(jar, "jar");
            if (features < 1 || runs < 1 || datasets < 1) {
                throw new IllegalArgumentException("features, runs and datasets must be >= 1");
            }
        }
    }

    /** Our phases in one orchestrated run, from its receipt. */
    public record OurRun(Duration load, Duration index, Duration analyze, Duration indexPhase, Duration validate,
            Duration swapTransaction, Duration swapPhase, Duration total) {
        Duration loadIndexAnalyze() {
            return load.plus(indexPhase);
        }
    }

    /**
     * One child-JVM {@code rebuild} command.
     *
     * @param phases the sum of the phases the command printed ({@code timings:}); the rest of the wall
     *     time is JVM start, application boot, bootstrap and exit
     */
    public record WholeRun(Duration wall, Duration phases, OptionalLong peakRssBytes) {
    }

    /** Everything one timed run measured. */
    public record Sample(OurRun ours, ReferenceLoads.PhysicalRun physical, ReferenceLoads.Ogr2ogrRun ogr2ogr,
            Optional<WholeRun> whole, double loadAverage) {
    }

    /** All runs, and the facts a reader needs to judge them. */
    public record Result(Options options, Path catalog, long features, long bytes, int assets, int copyStreams,
            int parallelism,
            int cores, List<Sample> samples, double loadAverageBefore, double loadAverageAfter) {
    }

    private final RebuildServices services;
    private final PgTarget target;
    private final Trigger trigger;
    private final Consumer<String> log;

    public RebuildBenchmark(RebuildServices services, PgTarget target, Trigger trigger, Consumer<String> log) {
        this.services = Objects.requireNonNull(services, "services");
        this.target = Objects.requireNonNull(target, "target");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * @throws KfmException when a rebuild, psql, ogr2ogr or the child JVM fails (rule
     *     {@code bench-tool-failed} or the rebuild's own)
     */
    public Result run(Options o) {
        requireTool(o.psql(), "psql (postgresql-client)");
        requireTool("ogr2ogr", "ogr2ogr (apt-get install -y gdal-bin)");
        double before = loadAverage();
        Path catalogFile = catalog(o);
        Catalog catalog = new CatalogReader(services.stores()).read(catalogFile.toUri());
        List<Path> files = catalog.items().stream().flatMap(i -> i.assets().stream())
                .map(a -> Path.of(a.href())).toList();
        long features = catalog.items().stream().mapToLong(CatalogItem::declaredFeatureCount).sum();
        long bytes = catalog.items().stream().flatMap(i -> i.assets().stream()).mapToLong(DataAsset::size).sum();
        int parallelism = services.rebuild().parallelism();
        int copyStreams = services.rebuild().copyStreams();
        // the child gets the same split: explicit when both are one number, else automatic
        String childParallelism = copyStreams == parallelism ? Integer.toString(parallelism) : "0";
        RebuildOrchestrator orchestrator = new RebuildOrchestrator(services);
        PgIdentifier projection = services.settings().projection();
        PgIdentifier refA = projection.suffixed("_ref_copy");
        PgIdentifier refB = projection.suffixed("_ref_ogr");
        ReferenceLoads refs = new ReferenceLoads(services.dataSource(), target, o.psql(), parallelism);
        log.accept("warm-up: one untimed rebuild of " + features + " features into " + projection);
        rebuild(orchestrator, catalogFile);
        Path copyFile = catalogFile.getParent().resolve("reference-a.pgcopy");
        refs.export(projection, copyFile);
        List<Sample> samples = new ArrayList<>();
        try {
            for (int run = 1; run <= o.runs(); run++) {
                String tag = "run " + run + "/" + o.runs();
                double load = loadAverage();
                log.accept(tag + " (load average " + load + "): rebuild");
                OurRun ours = ourRun(rebuild(orchestrator, catalogFile).receipt());
                log.accept(tag + ": reference A (psql binary COPY + indexes + ANALYZE)");
                ReferenceLoads.PhysicalRun a = refs.physical(refA, projection, copyFile);
                log.accept(tag + ": reference B (ogr2ogr + GiST + ANALYZE)");
                ReferenceLoads.Ogr2ogrRun b = refs.ogr2ogr(refB, files);
                Optional<WholeRun> whole = Optional.empty();
                if (o.jar().isPresent()) {
                    log.accept(tag + ": the rebuild command in a child JVM");
                    whole = Optional.of(whole(o, o.jar().get(), catalogFile, childParallelism));
                }
                samples.add(new Sample(ours, a, b, whole, Math.max(load, loadAverage())));
            }
        } finally {
            refs.drop(refA);
            refs.drop(refB);
            if (o.dropSchemas()) {
                refs.drop(projection);
                refs.drop(projection.suffixed("_prev"));
            }
        }
        return new Result(o, catalogFile, features, bytes, files.size(), copyStreams, parallelism,
                Runtime.getRuntime().availableProcessors(), samples, before, loadAverage());
    }

    private Path catalog(Options o) {
        Path out = o.dir().resolve(dataDirectoryName(o));
        Path catalog = out.resolve("catalog.json");
        if (Files.exists(catalog)) {
            log.accept("reusing " + catalog);
            return catalog;
        }
        log.accept("generating " + o.features() + " features (coordinates " + o.precision().describe() + ") into "
                + out);
        try {
            return new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(out, o.features(), o.seed(),
                    o.datasets(), SyntheticFormat.GEOJSON, o.precision())).catalog();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic catalog to " + out, e);
        }
    }

    /** Every generator argument is in the name, so a reused directory never holds another workload. */
    static String dataDirectoryName(Options o) {
        return "geojson-" + o.features() + "-s" + o.seed() + "-d" + o.datasets() + "-p" + o.precision().label();
    }

    private RebuildResult rebuild(RebuildOrchestrator orchestrator, Path catalog) {
        return orchestrator.rebuild(new RebuildRequest(Optional.of(catalog.toString()), false, false, true,
                OptionalDouble.empty(), false, trigger), RunObserver.NONE);
    }

    private WholeRun whole(Options o, Path jar, Path catalog, String parallelism) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", target.jdbcUrl());
        env.put("KFM_PROJECTION_NAME", services.settings().projection().name());
        env.put("KFM_RECEIPTS_WRITE_TO_STORE", "false");
        env.put("KFM_LOAD_PARALLELISM", parallelism);
        env.put("KFM_TRIGGERED_BY", trigger.principal());
        ExternalCommand.Finished f = ExternalCommand.run(List.of(o.java(), "-Xmx" + o.childHeap(), "-jar",
                jar.toString(), "rebuild", "--force", "--no-keep-shadow", "--catalog", catalog.toString()), env,
                Duration.ofHours(2)).requireSuccess();
        return new WholeRun(f.wall(), printedPhases(f.stdout()), f.peakRssBytes());
    }

    /** The sum of the {@code name=123ms} pairs of the {@code timings:} line the rebuild command prints. */
    static Duration printedPhases(String stdout) {
        Duration sum = Duration.ZERO;
        for (String line : stdout.split("\\R")) {
            if (line.startsWith("timings:")) {
                Matcher m = PHASE_MS.matcher(line);
                while (m.find()) {
                    sum = sum.plus(Duration.ofMillis(Long.parseLong(m.group(1))));
                }
            }
        }
        return sum;
    }

    /** Phase timings as the receipt records them. */
    static OurRun ourRun(JsonNode receipt) {
        Map<String, Duration> phases = new LinkedHashMap<>();
        Duration total = Duration.ZERO;
        for (JsonNode p : receipt.path("phases")) {
            Duration d = Duration.ofMillis(p.path("durationMs").asLong());
            phases.merge(p.path("phase").asText(), d, Duration::plus);
            total = total.plus(d);
        }
        JsonNode idx = receipt.path("indexes");
        return new OurRun(phase(phases, "LOADING"), duration(idx.path("indexing")), duration(idx.path("analyzing")),
                phase(phases, "INDEXING"), phase(phases, "VALIDATING"),
                duration(receipt.path("swap").path("transactionTime")), phase(phases, "SWAPPING"), total);
    }

    private static Duration phase(Map<String, Duration> phases, String name) {
        Duration d = phases.get(name);
        if (d == null) {
            throw new KfmException(ErrorCode.FAILED, "bench-failed", "the rebuild's receipt has no " + name
                    + " phase: " + phases.keySet());
        }
        return d;
    }

    /** A Duration as Jackson writes it: decimal seconds (timestamps on) or ISO-8601 text. */
    static Duration duration(JsonNode n) {
        if (n.isNumber()) {
            return Duration.ofNanos(Math.round(n.asDouble() * 1e9));
        }
        if (n.isTextual()) {
            return Duration.parse(n.asText());
        }
        throw new KfmException(ErrorCode.FAILED, "bench-failed", "expected a duration in the receipt, got " + n);
    }

    private static void requireTool(String program, String what) {
        if (!ExternalCommand.available(program)) {
            throw new KfmException(ErrorCode.BAD_USAGE, "bench-tool-missing", what + " is needed for the reference "
                    + "loads and was not found on the PATH");
        }
    }

    /** The 1-minute load average, or -1 where /proc/loadavg does not exist. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
