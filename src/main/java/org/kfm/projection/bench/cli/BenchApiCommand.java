package org.kfm.projection.bench.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.kfm.projection.bench.api.ApiLoad;
import org.kfm.projection.error.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Load on a running service (kfm-projection serve): CLIENTS threads call each read endpoint "
                + "(GET /api/v1/projection, GET /api/v1/rebuilds, /q/health/live, /q/health/ready) in turn for "
                + "--seconds, and print requests/s, p50 and p99 per endpoint; idle, then (with --rebuild-catalog) "
                + "again while a forced rebuild of that catalog runs.")
public class BenchApiCommand implements Callable<Integer> {
    private static final Pattern RUNNING = Pattern.compile("\"running\"\\s*:\\s*true");

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--management-url", paramLabel = "URL",
            description = "Where /q/health is served when the management interface is enabled (default: --url).")
    URI managementUrl;

    @Option(names = "--viewer-token-file", required = true, paramLabel = "FILE",
            description = "A viewer bearer token (bin/dev-token viewer > FILE).")
    Path viewerToken;

    @Option(names = "--operator-token-file", paramLabel = "FILE",
            description = "An operator bearer token, to start the rebuild of --rebuild-catalog.")
    Path operatorToken;

    @Option(names = "--rebuild-catalog", paramLabel = "URI",
            description = "Also measure while a forced rebuild of this catalog runs (it must be allowed by "
                    + "kfm.api.allowed-catalog-prefixes and last longer than four times --seconds).")
    String rebuildCatalog;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per endpoint (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || seconds < 1) {
            throw new UsageException("invalid-option", "--clients and --seconds must be >= 1");
        }
        if (rebuildCatalog != null && operatorToken == null) {
            throw new UsageException("invalid-option", "--rebuild-catalog needs --operator-token-file");
        }
        Optional<String> viewer = Optional.of(Files.readString(viewerToken).strip());
        ApiLoad api = new ApiLoad(url, viewer);
        ApiLoad management = new ApiLoad(managementUrl == null ? url : managementUrl, viewer);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-8s %-20s %8s %10s %9s %9s %9s %7s%n", "when", "endpoint", "clients", "requests/s",
                "p50 ms", "p99 ms", "max ms", "errors");
        print(out, "idle", run(api, management));
        if (rebuildCatalog != null) {
            var started = api.post("/api/v1/rebuilds", "{\"catalog\":\"" + rebuildCatalog.replace("\"", "\\\"")
                    + "\",\"force\":true}", Files.readString(operatorToken).strip());
            if (started.statusCode() != 202) {
                throw new UsageException("rebuild-not-started", "POST /api/v1/rebuilds answered "
                        + started.statusCode() + ": " + started.body());
            }
            String run = started.headers().firstValue("Location").orElse("/api/v1/rebuilds");
            List<ApiLoad.Result> during = run(api, management);
            String state = api.get(run).body();
            print(out, "rebuild", during);
            out.println("rebuild " + run + " after the measurement: " + (RUNNING.matcher(state).find()
                    ? "still running" : "ended (the last figures may include idle time)"));
        }
        out.printf(Locale.ROOT, "%d client(s), %d s per endpoint, %d cores%n", clients, seconds,
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }

    private List<ApiLoad.Result> run(ApiLoad api, ApiLoad management) throws InterruptedException {
        List<ApiLoad.Result> results = new ArrayList<>();
        for (String endpoint : ApiLoad.ENDPOINTS) {
            ApiLoad target = endpoint.startsWith("/q/") ? management : api;
            results.add(target.measure(endpoint, clients, Duration.ofSeconds(seconds)));
        }
        return results;
    }

    private static void print(PrintWriter out, String when, List<ApiLoad.Result> results) {
        for (ApiLoad.Result r : results) {
            out.printf(Locale.ROOT, "%-8s %-20s %8d %10.1f %9.1f %9.1f %9.1f %7d%n", when, r.endpoint(), r.clients(),
                    r.perSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.errors());
        }
        out.flush();
    }
}
