package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.run.MigrationRuns;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.run.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply the projection migrations to a schema (default: the live projection schema).",
            "Bootstraps the database first (PostGIS, the ops schema), checks the role's privileges and",
            "records a receipt in the ops schema."})
public class MigrateCommand extends FormattedCommand implements UsesDatabase {
    @Option(names = "--schema", paramLabel = "NAME", description = "Schema to migrate (default: kfm.projection.name).")
    String schema;

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop at this version (default: latest).")
    String target;

    private final MigrationRuns runs;
    private final Settings settings;

    @Inject
    public MigrateCommand(MigrationRuns runs, Settings settings) {
        this.runs = runs;
        this.settings = settings;
    }

    @Override
    public Integer call() {
        PgIdentifier target = schema == null ? settings.projection() : PgIdentifier.of(schema);
        Recorded<RunResults.Migration> run = runs.migrate(target, this.target, CliTrigger.of(settings));
        RunResults.Migration r = run.value();
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            new JsonOutput().print(out, new Views.MigrateView(run.runId(), r.schema(), r.fromVersion(), r.toVersion(),
                    r.applied().stream().map(m -> new Views.AppliedView(m.version(), m.script(), m.sha256())).toList(),
                    r.duration().toMillis()));
            return 0;
        }
        out.printf("schema %s: %s -> %s, %d migration(s) applied in %d ms%n", r.schema(),
                r.fromVersion() == null ? "empty" : r.fromVersion(), r.toVersion(), r.applied().size(),
                r.duration().toMillis());
        for (RunResults.Applied m : r.applied()) {
            out.printf("  applied %s  %s  %s%n", m.version(), m.script(), m.sha256());
        }
        out.println("run " + run.runId());
        out.flush();
        return 0;
    }
}
