package org.kfm.projection.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Runs the governed service until the process is told to stop (SIGTERM, Ctrl-C). The HTTP server,
 * the schedule and the start-up bookkeeping are enabled only for this command (see {@link Main});
 * on shutdown a running rebuild is cancelled and given {@code kfm.service.shutdown-grace} to record
 * CANCELLED.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP service: the /api/v1 API (JWT bearer tokens: viewer reads, operator acts),",
            "OpenAPI and Swagger UI under /q; health (/q/health/ready) and Prometheus metrics (/q/metrics) on the",
            "management interface (QUARKUS_MANAGEMENT_HOST/PORT, default 0.0.0.0:9000);",
            "and scheduled rebuilds when kfm.schedule.cron is set. Stops on SIGTERM."})
public class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
