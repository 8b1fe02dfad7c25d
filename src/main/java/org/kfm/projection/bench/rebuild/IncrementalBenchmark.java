package org.kfm.projection.bench.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;
import org.kfm.projection.artifact.Checksums;
import org.kfm.projection.bench.synth.CoordinatePrecision;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RebuildResult;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.run.RunObserver;

/**
 * The incremental rebuild against a full one, on the same catalog in the same run (issue 14 §1):
 * catalog A is made live, catalog B is A with one dataset version's artifact changed, and each run
 * rebuilds B incrementally (the changed version loaded, the others carried) and in full
 * ({@code --full}), rolling back to A after each so both start from the same live generation. The
 * order alternates between runs so neither always runs on a warmer cache.
 */
public final class IncrementalBenchmark {
    private final RebuildServices services;
    private final ObjectMapper json;
    private final Trigger trigger;
    private final Consumer<String> log;

    /**
     * @param features total features, split evenly over {@code datasets} versions
     * @param dir      the catalogs are generated (or reused) under it
     */
    public record Options(long features, Path dir, int runs, long seed, int datasets) {
        public Options {
            Objects.requireNonNull(dir, "dir");
            if (features < 1 || runs < 1 || datasets < 2) {
                throw new IllegalArgumentException("features and runs must be >= 1 and datasets >= 2");
            }
        }
    }

    /**
     * One rebuild as measured.
     *
     * @param wall   the orchestrator's call, catalog read to swap (no JVM start)
     * @param phases duration per phase from the receipt
     * @param bytesRead artifact bytes the loader read ({@code load.bytes})
     * @param carried   versions carried from live
     */
    public record Measured(Duration wall, Map<String, Duration> phases, long bytesRead, int loaded, int carried,
            long carriedRows) {
    }

    public record Sample(Measured incremental, Measured full, double loadAverage) {
    }

    public record Result(Options options, Path catalogA, Path catalogB, String changedVersion, long catalogBytes,
            List<Sample> samples, double loadBefore, double loadAfter) {
    }

    public IncrementalBenchmark(RebuildServices services, ObjectMapper json, Trigger trigger, Consumer<String> log) {
        this.services = Objects.requireNonNull(services, "services");
        this.json = Objects.requireNonNull(json, "json");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.log = Objects.requireNonNull(log, "log");
    }

    public Result run(Options o) {
        double before = RebuildBenchmark.loadAverage();
        Path base = o.dir().resolve("incremental-" + o.features() + "-s" + o.seed() + "-d" + o.datasets());
        Path a = generate(o, base.resolve("a"));
        Path b = generate(o, base.resolve("b"));
        String changed = changeOneVersion(b.getParent());
        long bytes = sizeOfData(b.getParent());
        RebuildOrchestrator orchestrator = new RebuildOrchestrator(services);
        ProjectionOperations operations = new ProjectionOperations(services);
        log.accept("making catalog A live (one untimed full rebuild of " + o.features() + " features)");
        rebuild(orchestrator, a, true, true);
        List<Sample> samples = new ArrayList<>();
        for (int run = 1; run <= o.runs(); run++) {
            double load = RebuildBenchmark.loadAverage();
            boolean incrementalFirst = run % 2 == 1;
            Measured inc = null;
            Measured full = null;
            for (int k = 0; k < 2; k++) {
                boolean incremental = (k == 0) == incrementalFirst;
                log.accept("run " + run + "/" + o.runs() + " (load average " + load + "): "
                        + (incremental ? "incremental" : "full (--full)") + " rebuild of catalog B");
                Measured m = rebuild(orchestrator, b, !incremental, false);
                operations.rollback(trigger);
                if (incremental) {
                    inc = m;
                } else {
                    full = m;
                }
            }
            samples.add(new Sample(inc, full, Math.max(load, RebuildBenchmark.loadAverage())));
        }
        return new Result(o, a, b, changed, bytes, samples, before, RebuildBenchmark.loadAverage());
    }

    /** @param force whether to rebuild even when the catalog is live already (the set-up, on a reused projection) */
    private Measured rebuild(RebuildOrchestrator orchestrator, Path catalog, boolean full, boolean force) {
        long t0 = System.nanoTime();
        RebuildResult r = orchestrator.rebuild(new RebuildRequest(Optional.of(catalog.toString()), false, false,
                force, OptionalDouble.empty(), false, trigger).withFull(full), RunObserver.NONE);
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        if (r.generation() == null) {
            throw new KfmException(ErrorCode.FAILED, "bench-failed", "the rebuild swapped nothing: " + r.summary());
        }
        JsonNode receipt = r.receipt();
        Map<String, Duration> phases = new LinkedHashMap<>();
        for (JsonNode p : receipt.path("phases")) {
            phases.merge(p.path("phase").asText(), Duration.ofMillis(p.path("durationMs").asLong()), Duration::plus);
        }
        return new Measured(wall, phases, receipt.at("/load/bytes").asLong(), receipt.at("/load/datasets").size(),
                receipt.at("/carry/versions").size(), receipt.at("/carry/rows").asLong());
    }

    private Path generate(Options o, Path out) {
        Path catalog = out.resolve("catalog.json");
        if (Files.exists(catalog)) {
            log.accept("reusing " + catalog);
            return catalog;
        }
        log.accept("generating " + o.features() + " features in " + o.datasets() + " versions into " + out);
        try {
            return new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(out, o.features(), o.seed(),
                    o.datasets(), SyntheticFormat.GEOJSON, CoordinatePrecision.FULL)).catalog();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic catalog to " + out, e);
        }
    }

    /**
     * Corrects one property in the first feature of version 1's artifact and records the new checksum
     * and size in its item, as a promotion of a corrected file would (the geometries stay as they were).
     *
     * @return the changed dataset version's id
     */
    private String changeOneVersion(Path root) {
        Path item = root.resolve("synthetic/synthetic-1/synthetic-1.json");
        try {
            ObjectNode doc = (ObjectNode) json.readTree(item.toFile());
            ObjectNode asset = (ObjectNode) doc.path("assets").path("data");
            Path file = item.resolveSibling(asset.path("href").asText());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.contains("\"name\":\"Corrected ")) {
                String edited = text.replaceFirst("\"name\":\"", "\"name\":\"Corrected ");
                Files.writeString(file, edited, StandardCharsets.UTF_8);
                asset.put("file:checksum", sha256(file)).put("file:size", Files.size(file));
                json.writerWithDefaultPrettyPrinter().writeValue(item.toFile(), doc);
            }
            return doc.path("properties").path("kfm:dataset_version_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change one version of " + root, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return Checksums.sha256Multihash(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sizeOfData(Path root) {
        try (var files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".geojson")).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
