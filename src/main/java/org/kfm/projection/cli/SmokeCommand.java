package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.run.MigrationRuns;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.run.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = {"CI smoke test of the migrations: (a) fresh schema, (b) N-1 schema with rows migrated to N,",
            "(c) both compared object by object, (d) migrating again applies nothing. Uses throw-away",
            "schemas and drops them afterwards; works against any database URL. Exit 1 with a diff on drift."})
public class SmokeCommand extends FormattedCommand implements UsesDatabase {
    @Option(names = "--rows", paramLabel = "FILE",
            description = "SQL inserted into the N-1 schema before it is migrated to N (default: the packaged rows).")
    Path rows;

    @Option(names = "--schema-base", paramLabel = "NAME",
            description = "Base name of the throw-away schemas (default: kfm_smoke_<random>).")
    String schemaBase;

    private final MigrationRuns runs;
    private final Settings settings;

    @Inject
    public SmokeCommand(MigrationRuns runs, Settings settings) {
        this.runs = runs;
        this.settings = settings;
    }

    @Override
    public Integer call() throws IOException {
        PgIdentifier base = PgIdentifier.of(schemaBase != null ? schemaBase
                : "kfm_smoke_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000, 0xfffffff)));
        Recorded<RunResults.Smoke> run = runs.smoke(base, rowsSql(), CliTrigger.of(settings));
        RunResults.Smoke r = run.value();
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            // a failing smoke test throws (exit 1, the diff on stderr): a document here always passed
            new JsonOutput().print(out, new Views.SmokeView(run.runId(), true, r.latestVersion(), r.previousVersion(),
                    r.n1Skipped(), r.freshApplied().stream().map(m -> new Views.AppliedView(m.version(), m.script(),
                            m.sha256())).toList(), r.n1Applied().stream().map(m -> new Views.AppliedView(m.version(),
                                    m.script(), m.sha256())).toList(), r.objectsCompared(), r.reapplied()));
            return 0;
        }
        out.printf("(a) fresh: %d migration(s) applied, now at %s%n", r.freshApplied().size(), r.latestVersion());
        out.println(r.n1Skipped() ? "(b) N-1: skipped (only one version); compared with a second fresh schema"
                : String.format("(b) N-1: migrated to %s, rows added, then %d migration(s) to %s", r.previousVersion(),
                        r.n1Applied().size(), r.latestVersion()));
        out.printf("(c) compared %d objects: identical%n", r.objectsCompared());
        out.printf("(d) migrating again applied %d migration(s)%n", r.reapplied());
        out.println("smoke passed");
        out.println("run " + run.runId());
        out.flush();
        return 0;
    }

    private String rowsSql() throws IOException {
        if (rows != null) {
            if (!Files.isRegularFile(rows)) {
                throw new UsageException("missing-file", "rows file " + rows + " does not exist");
            }
            return Files.readString(rows, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sql/smoke/n-1-rows.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
