package org.kfm.projection.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import org.kfm.projection.config.EffectiveConfigLog;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.settings.KfmSettings;
import picocli.CommandLine;

/**
 * Entry point of the {@code kfm-projection} application. Every subcommand but {@code serve} runs
 * with the HTTP server, the management interface and the scheduler disabled, so a CLI run never binds a port nor starts a
 * scheduled rebuild (the service's start-up bookkeeping keys on the HTTP server being enabled).
 * Before a command runs, the whole configuration is validated once (for {@code serve} this happened
 * at start): every problem is listed together and the exit code is 2. The effective configuration is
 * logged only before a command that uses the database ({@link UsesDatabase}), not for lint, help or
 * {@code --version}.
 */
@QuarkusMain
public class Main implements QuarkusApplication {
    private final CommandLine.IFactory factory;
    private final Instance<KfmSettings> settings;
    private final EffectiveConfigLog configLog;

    @Inject
    public Main(CommandLine.IFactory factory, Instance<KfmSettings> settings, EffectiveConfigLog configLog) {
        this.factory = factory;
        this.settings = settings;
        this.configLog = configLog;
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
        CommandLine cl = Cli.commandLine(factory);
        cl.setExecutionStrategy(parsed -> {
            if (usesDatabase(parsed)) {
                configLog.log();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    /** The command that runs works on the database, and no help or version was asked for instead. */
    static boolean usesDatabase(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
            last = p;
        }
        return last.commandSpec().userObject() instanceof UsesDatabase;
    }
}
