package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.run.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a generation against the catalog with the parity rules (counts, SRID, geometry",
            "validity, extent, reader grants). Exit 4 when parity fails."})
public class ValidateCommand implements Callable<Integer> {
    @Option(names = "--schema", paramLabel = "NAME", description = "Schema to check (default: the live projection).")
    String schema;

    @Option(names = "--catalog", paramLabel = "URI", description = "Catalog to check against (default: kfm.catalog.uri).")
    String catalog;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Report format.")
    String format;

    @Spec
    CommandSpec spec;

    private final ProjectionOperations operations;
    private final Settings settings;

    @Inject
    public ValidateCommand(ProjectionOperations operations, Settings settings) {
        this.operations = operations;
        this.settings = settings;
    }

    @Override
    public Integer call() {
        Recorded<RunResults.Validation> run = operations.validate(Optional.ofNullable(schema), Optional.ofNullable(catalog),
                CliTrigger.of(settings));
        RunResults.Validation r = run.value();
        if ("json".equals(format)) {
            spec.commandLine().getOut().println(r.json());
            // stdout stays one JSON document; the run id goes with the other notes, to stderr
            spec.commandLine().getErr().println("run " + run.runId());
        } else {
            spec.commandLine().getOut().println(r.text());
            spec.commandLine().getOut().println("run " + run.runId());
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return 0;
    }
}
