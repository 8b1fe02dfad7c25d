package org.kfm.projection.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point of the {@code kfm-projection} application. Every subcommand but {@code serve} runs
 * with the HTTP server and the scheduler disabled, so a CLI run never binds a port nor starts a
 * scheduled rebuild (the service's start-up bookkeeping keys on the HTTP server being enabled).
 */
@QuarkusMain
public class Main implements QuarkusApplication {
    private final CommandLine.IFactory factory;

    @Inject
    public Main(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    public static void main(String... args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            // kfm.schedule.cron is for the service: a CLI run in the same environment must not tick.
            System.setProperty("quarkus.scheduler.enabled", "false");
            // A CLI run reports its own work; Quarkus' start/stop lines are for the service.
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        return Cli.commandLine(factory).execute(args);
    }
}
