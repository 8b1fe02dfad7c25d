package org.kfm.projection.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.settings.KfmSettings;
import picocli.CommandLine;

/**
 * Entry point of the {@code kfm-projection} application. Every subcommand but {@code serve} runs
 * with the HTTP server, the management interface and the scheduler disabled, so a CLI run never binds a port nor starts a
 * scheduled rebuild (the service's start-up bookkeeping keys on the HTTP server being enabled).
 * Before a command runs, the whole configuration is validated once (for {@code serve} this happened
 * at start): every problem is listed together and the exit code is 2.
 */
@QuarkusMain
public class Main implements QuarkusApplication {
    private final CommandLine.IFactory factory;
    private final Instance<KfmSettings> settings;

    @Inject
    public Main(CommandLine.IFactory factory, Instance<KfmSettings> settings) {
        this.factory = factory;
        this.settings = settings;
    }

    public static void main(String... args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            // nor the management interface's (health, metrics): two commands at once must not race for its port
            System.setProperty("quarkus.management.host-enabled", "false");
            // kfm.schedule.cron is for the service: a CLI run in the same environment must not tick.
            System.setProperty("quarkus.scheduler.enabled", "false");
            // A CLI run reports its own work; Quarkus' start/stop lines are for the service.
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        // before the command line exists: building it creates the commands, which take settings
        try {
            settings.get();
        } catch (KfmException e) {
            return Cli.report(new PrintWriter(System.err, true), e);
        }
        return Cli.commandLine(factory).execute(args);
    }
}
