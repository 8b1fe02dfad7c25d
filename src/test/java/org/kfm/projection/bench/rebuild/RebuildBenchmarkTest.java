package org.kfm.projection.bench.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.bench.synth.CoordinatePrecision;

/** The benchmark's pure parts: receipts to phases, the child's timings line, medians and targets, URLs. */
class RebuildBenchmarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsPhaseTimingsFromTheReceiptWhateverTheDurationStyle() throws Exception {
        JsonNode receipt = JSON.readTree("""
                {"phases": [{"phase": "LOADING", "durationMs": 4000}, {"phase": "INDEXING", "durationMs": 2500},
                            {"phase": "VALIDATING", "durationMs": 1500}, {"phase": "SWAPPING", "durationMs": 30}],
                 "indexes": {"indexing": 2.1, "analyzing": "PT0.4S"},
                 "swap": {"transactionTime": 0.012}}""");
        RebuildBenchmark.OurRun r = RebuildBenchmark.ourRun(receipt);
        assertEquals(Duration.ofMillis(4000), r.load());
        assertEquals(Duration.ofMillis(2100), r.index());
        assertEquals(Duration.ofMillis(400), r.analyze());
        assertEquals(Duration.ofMillis(6500), r.loadIndexAnalyze());
        assertEquals(Duration.ofMillis(12), r.swapTransaction());
        assertEquals(Duration.ofMillis(8030), r.total());
    }

    @Test
    void sumsThePhasesTheRebuildCommandPrinted() {
        assertEquals(Duration.ofMillis(10_100), RebuildBenchmark.printedPhases("generation 3 is live\n"
                + "timings: locked=27ms preparing=61ms migrating=512ms loading=5000ms indexing=2500ms validating=2000ms"
                + " swapping=0ms\n"));
    }

    @Test
    void reportsMediansAndEveryTarget() {
        List<RebuildBenchmark.Sample> samples = List.of(sample(4.0, 5.0, 20.0, 1.0, 9.0), sample(5.0, 5.5, 25.0, 1.5,
                10.0), sample(9.0, 6.0, 30.0, 1.2, 11.0));
        RebuildBenchmark.Result result = new RebuildBenchmark.Result(new RebuildBenchmark.Options(1000, Path.of("d"), 3,
                42, 4, CoordinatePrecision.FULL, PgIdentifier.of("kfm_bench"), Optional.empty(), "java", "256m", "psql",
                true), Path.of("c"), 1000,
                1, 4, 1, 2, 2, samples, 1.0, 1.0);
        BenchReport report = new BenchReport(result);
        Map<String, BenchReport.Target> targets = new java.util.LinkedHashMap<>();
        report.targets(true).forEach(t -> targets.put(t.name(), t));
        // ours = load + 2 s index phase: medians 7 s; ref A total 5.5 + 1 = 6.5 s
        assertEquals("1.08x", targets.get("load+index+analyze vs ref A").measured());
        assertTrue(targets.get("load+index+analyze vs ref A").met());
        assertEquals("3.71x", targets.get("ref B vs load+index+analyze (speed-up)").measured());
        assertEquals("<= 25%", targets.get("parity validation added").goal());
        assertEquals("1.54x", targets.get("whole rebuild command vs ref A").measured());
        assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("targets:")));
    }

    @Test
    void keepsEachPrecisionsDataInADirectoryOfItsOwn() {
        assertEquals("geojson-1000000-s42-d4-pfull", RebuildBenchmark.dataDirectoryName(options(
                CoordinatePrecision.FULL)));
        assertEquals("geojson-1000000-s42-d4-p6", RebuildBenchmark.dataDirectoryName(options(
                CoordinatePrecision.decimals(6))));
    }

    @Test
    void headerStatesTheCoordinatePrecision() {
        List<RebuildBenchmark.Sample> one = List.of(sample(4.0, 5.0, 20.0, 1.0, 9.0));
        for (CoordinatePrecision p : List.of(CoordinatePrecision.FULL, CoordinatePrecision.DEFAULT)) {
            String header = new BenchReport(new RebuildBenchmark.Result(options(p), Path.of("c"), 1_000_000,
                    532_000_000L, 4, 1, 2, 2, one, 1.0, 1.0)).lines().get(0);
            assertTrue(header.startsWith("rebuild benchmark: 1,000,000 features in 4 GeoJSON file(s), 532.0 MB, "
                    + "coordinates " + p.describe() + ";"), header);
        }
    }

    private static RebuildBenchmark.Options options(CoordinatePrecision precision) {
        return new RebuildBenchmark.Options(1_000_000, Path.of("d"), 3, 42, 4, precision, PgIdentifier.of("kfm_bench"),
                Optional.empty(), "java", "256m", "psql", true);
    }

    private static RebuildBenchmark.Sample sample(double load, double refCopy, double ogr, double validate,
            double whole) {
        Duration two = Duration.ofSeconds(2);
        RebuildBenchmark.OurRun ours = new RebuildBenchmark.OurRun(sec(load), Duration.ofMillis(1700),
                Duration.ofMillis(300), two, sec(validate), Duration.ofMillis(10), Duration.ofMillis(40), sec(load + 5));
        return new RebuildBenchmark.Sample(ours, new ReferenceLoads.PhysicalRun(sec(refCopy), Duration.ofMillis(800),
                Duration.ofMillis(200)), new ReferenceLoads.Ogr2ogrRun(sec(ogr), sec(1), sec(0)),
                Optional.of(new RebuildBenchmark.WholeRun(sec(whole), sec(whole - 1), OptionalLong.of(200L << 20))), 2.0);
    }

    private static Duration sec(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    @Test
    void turnsAJdbcUrlIntoWhatPsqlAndGdalNeed() {
        PgTarget t = PgTarget.fromJdbcUrl("jdbc:postgresql://127.0.0.1:55432/kfm_bench?user=kfm&password=s%26cret",
                Optional.empty(), Optional.empty());
        assertEquals(Map.of("PGHOST", "127.0.0.1", "PGPORT", "55432", "PGDATABASE", "kfm_bench", "PGUSER", "kfm",
                "PGPASSWORD", "s&cret"), t.libpqEnvironment());
        assertEquals("PG:dbname='kfm_bench'", t.gdalConnection());
        assertEquals("jdbc:postgresql://127.0.0.1:55432/kfm_bench?user=kfm&password=s%26cret", t.jdbcUrl());
        PgTarget defaults = PgTarget.fromJdbcUrl("jdbc:postgresql://db/projection", Optional.of("app"),
                Optional.of("pw"));
        assertEquals(5432, defaults.port());
        assertEquals(Optional.of("app"), defaults.user());
        assertEquals(Optional.of("pw"), defaults.password());
    }
}
