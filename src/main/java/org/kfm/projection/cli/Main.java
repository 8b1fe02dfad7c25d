package org.kfm.projection.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import org.kfm.projection.config.EffectiveConfigLog;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.settings.KfmSettings;
import picocli.CommandLine;

/**
 * Entry point of both {@code kfm-projection} applications: the service's ({@code target/quarkus-app}, every
 * extension) and the CLI's ({@code target/cli-app}, built without the HTTP, OpenAPI, JWT, health, metrics and
 * scheduler extensions so that a command does not load and start them; {@code bin/kfm-projection} runs every
 * command but {@code serve} there). In the service's application every subcommand but {@code serve} runs
 * with the HTTP server, the management interface and the scheduler disabled, so a CLI run never binds a port nor starts a
 * scheduled rebuild (the service's start-up bookkeeping keys on the HTTP server being enabled). The CLI's
 * application refuses {@code serve} (exit code 2) and does not warn about the service's settings, which only
 * the service's extensions read.
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
        boolean serve = args.length > 0 && "serve".equals(args[0]);
        boolean service = serviceApplication();
        if (serve && !service) {
            System.exit(Cli.report(new PrintWriter(System.err, true), new KfmException(ErrorCode.BAD_USAGE,
                    "serve-needs-service-application", "serve needs the service's application "
                    + "(target/quarkus-app/quarkus-run.jar, as bin/kfm-projection serve runs it); this is the CLI's, "
                    + "built without an HTTP server")));
        }
        if (!serve) {
            // in both applications the mark of a command that does not serve (SettingsProducer reads it too)
            System.setProperty("quarkus.http.host-enabled", "false");
            // A CLI run reports its own work; Quarkus' start/stop lines are for the service.
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        if (!serve && service) {
            // nor the management interface's (health, metrics): two commands at once must not race for its port
            System.setProperty("quarkus.management.host-enabled", "false");
            // kfm.schedule.cron is for the service: a CLI run in the same environment must not tick.
            System.setProperty("quarkus.scheduler.enabled", "false");
        }
        if (!service) {
            // application.properties configures the service's extensions too (and quarkus.http.host-enabled above),
            // which this application does not have: no warning about their keys
            System.setProperty("quarkus.log.category.\"io.quarkus.config\".level", "ERROR");
        }
        Quarkus.run(Main.class, args);
    }

    /** This is the service's application (with the HTTP server), not the CLI's (target/cli-app). */
    static boolean serviceApplication() {
        return Main.class.getClassLoader().getResource("io/quarkus/vertx/http/runtime/VertxHttpRecorder.class") != null;
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
