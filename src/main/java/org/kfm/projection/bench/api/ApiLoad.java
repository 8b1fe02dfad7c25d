package org.kfm.projection.bench.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the running service's read endpoints: {@code clients} threads call one endpoint as fast
 * as it answers for a fixed time, one endpoint after the other, and report requests per second and
 * the latency percentiles of the answers (errors counted apart). A tool, not a test: the figures
 * belong to the machine they were taken on.
 */
public final class ApiLoad {
    /** What the tool reads: the viewer's endpoints, liveness and readiness. */
    public static final List<String> ENDPOINTS = List.of("/api/v1/projection", "/api/v1/rebuilds",
            "/q/health/live", "/q/health/ready");

    private final HttpClient http;
    private final URI base;
    private final Optional<String> token;

    public ApiLoad(URI base, Optional<String> token) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
        this.token = token;
    }

    /** One endpoint's figures. */
    public record Result(String endpoint, int clients, Duration duration, long ok, long errors, double perSecond,
            double p50Ms, double p99Ms, double maxMs) {
    }

    /** Calls {@code path} from {@code clients} threads for {@code duration}. */
    public Result measure(String path, int clients, Duration duration) throws InterruptedException {
        HttpRequest request = request(path);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status >= 400 && !(status == 503 && path.startsWith("/q/health"))) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        try {
            for (Future<long[]> f : futures) {
                parts.add(f.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(path, clients, duration, all.length, errors.get(), all.length / seconds,
                percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    /** POSTs {@code body} to {@code path} with {@code bearer}; the status and the body. */
    public HttpResponse<String> post(String path, String body, String bearer) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path}; the status and the body. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b.build();
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
