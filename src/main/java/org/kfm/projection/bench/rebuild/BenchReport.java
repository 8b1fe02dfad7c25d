package org.kfm.projection.bench.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Renders a {@link RebuildBenchmark.Result}: per phase the median and features/s, then each target. */
public final class BenchReport {
    /** A target the issue sets, with its measured value. */
    public record Target(String name, String measured, String goal, boolean met) {
    }

    private final RebuildBenchmark.Result r;

    public BenchReport(RebuildBenchmark.Result result) {
        this.r = result;
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "rebuild benchmark: %,d features in %d GeoJSON file(s), %.1f MB, "
                + "coordinates %s; %d COPY stream(s), %d index connection(s); %d cores; median of %d run(s)",
                r.features(), r.assets(), r.bytes() / 1e6, r.options().precision().describe(), r.copyStreams(),
                r.parallelism(), r.cores(), r.samples().size()));
        out.add(String.format(Locale.ROOT, "load average (1 min): %.2f before, %.2f..%.2f during the runs, %.2f after",
                r.loadAverageBefore(), stat(s -> s.loadAverage(), false), stat(s -> s.loadAverage(), true),
                r.loadAverageAfter()));
        out.add("");
        out.add(String.format(Locale.ROOT, "%-46s %10s %14s", "phase", "median s", "features/s"));
        row(out, "ours: load (read, EWKB, binary COPY)", s -> s.ours().load());
        row(out, "ours: index recreate", s -> s.ours().index());
        row(out, "ours: ANALYZE", s -> s.ours().analyze());
        row(out, "ours: load + index + ANALYZE", s -> s.ours().loadIndexAnalyze());
        row(out, "ours: parity validation (grants + parity)", s -> s.ours().validate());
        row(out, "ours: swap phase (incl. drop of retired gen.)", s -> s.ours().swapPhase());
        row(out, "ours: all phases of the run (receipt)", s -> s.ours().total());
        row(out, "ref A: psql binary COPY", s -> s.physical().copy());
        row(out, "ref A: GiST + primary key", s -> s.physical().index());
        row(out, "ref A: ANALYZE", s -> s.physical().analyze());
        row(out, "ref A: total", s -> s.physical().total());
        row(out, "ref B: ogr2ogr (PG_USE_COPY=YES)", s -> s.ogr2ogr().ogr2ogr());
        row(out, "ref B: GiST", s -> s.ogr2ogr().index());
        row(out, "ref B: ANALYZE", s -> s.ogr2ogr().analyze());
        row(out, "ref B: total", s -> s.ogr2ogr().total());
        boolean whole = r.samples().stream().allMatch(s -> s.whole().isPresent());
        if (whole) {
            row(out, "rebuild command, JVM start to exit", s -> s.whole().get().wall());
            row(out, "  of which its phases (its timings: line)", s -> s.whole().get().phases());
            row(out, "  of which JVM start, boot, bootstrap, exit", s -> s.whole().get().wall()
                    .minus(s.whole().get().phases()));
        }
        out.add(String.format(Locale.ROOT, "%-46s %10.1f ms", "ours: swap transaction", medianSeconds(
                s -> s.ours().swapTransaction()) * 1e3));
        out.add("");
        out.add("targets:");
        for (Target t : targets(whole)) {
            out.add(String.format(Locale.ROOT, "  %-44s %12s   target %-10s %s", t.name(), t.measured(), t.goal(),
                    t.met() ? "met" : "NOT MET"));
        }
        out.add("");
        out.add("per run (s): ours load/index/analyze/validate/swap-ms | ref A copy/index/analyze | ref B ogr2ogr/"
                + "index/analyze | command wall, peak RSS MB | load average");
        for (RebuildBenchmark.Sample s : r.samples()) {
            out.add(String.format(Locale.ROOT, "  %.2f/%.2f/%.2f/%.2f/%.1f | %.2f/%.2f/%.2f | %.2f/%.2f/%.2f | %s | %.2f",
                    sec(s.ours().load()), sec(s.ours().index()), sec(s.ours().analyze()), sec(s.ours().validate()),
                    sec(s.ours().swapTransaction()) * 1e3, sec(s.physical().copy()), sec(s.physical().index()),
                    sec(s.physical().analyze()), sec(s.ogr2ogr().ogr2ogr()), sec(s.ogr2ogr().index()),
                    sec(s.ogr2ogr().analyze()), s.whole().map(w -> String.format(Locale.ROOT, "%.2f, %d",
                            sec(w.wall()), w.peakRssBytes().orElse(-1) >> 20)).orElse("-"), s.loadAverage()));
        }
        out.add("data: " + r.catalog());
        return out;
    }

    public List<Target> targets(boolean whole) {
        double ours = medianSeconds(s -> s.ours().loadIndexAnalyze());
        double refA = medianSeconds(s -> s.physical().total());
        double refB = medianSeconds(s -> s.ogr2ogr().total());
        double validate = medianSeconds(s -> s.ours().validate());
        double swapMs = medianSeconds(s -> s.ours().swapTransaction()) * 1e3;
        List<Target> out = new ArrayList<>();
        out.add(new Target("load+index+analyze vs ref A", ratio(ours / refA), "<= 1.25x", ours / refA <= 1.25));
        out.add(new Target("ref B vs load+index+analyze (speed-up)", ratio(refB / ours), ">= 4x", refB / ours >= 4));
        out.add(new Target("parity validation added", String.format(Locale.ROOT, "%.0f%%", 100 * validate / ours),
                "<= 25%", validate / ours <= 0.25));
        out.add(new Target("swap transaction", String.format(Locale.ROOT, "%.1f ms", swapMs), "< 50 ms", swapMs < 50));
        if (whole) {
            long rss = maxRss();
            out.add(new Target("peak RSS of the rebuild command (-Xmx" + r.options().childHeap() + ")",
                    rss < 0 ? "unknown" : (rss >> 20) + " MB", "< 300 MB", rss >= 0 && rss < 300L << 20));
            double cmd = medianSeconds(s -> s.whole().get().wall());
            out.add(new Target("whole rebuild command vs ref A", ratio(cmd / refA), "<= 1.5x", cmd / refA <= 1.5));
        }
        return out;
    }

    private void row(List<String> out, String name, Function<RebuildBenchmark.Sample, Duration> metric) {
        double s = medianSeconds(metric);
        out.add(String.format(Locale.ROOT, "%-46s %10.2f %,14.0f", name, s, r.features() / s));
    }

    double medianSeconds(Function<RebuildBenchmark.Sample, Duration> metric) {
        List<Double> values = r.samples().stream().map(metric).map(BenchReport::sec).sorted().toList();
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private long maxRss() {
        ToLongFunction<RebuildBenchmark.Sample> rss = s -> s.whole().map(RebuildBenchmark.WholeRun::peakRssBytes)
                .orElse(OptionalLong.empty()).orElse(-1);
        return r.samples().stream().mapToLong(rss).max().orElse(-1);
    }

    private double stat(ToDoubleFunction<RebuildBenchmark.Sample> f, boolean max) {
        return r.samples().stream().mapToDouble(f).boxed().max(max ? Comparator.naturalOrder()
                : Comparator.reverseOrder()).orElse(-1.0);
    }

    private static String ratio(double x) {
        return String.format(Locale.ROOT, "%.2fx", x);
    }

    private static double sec(Duration d) {
        return d.toNanos() / 1e9;
    }
}
