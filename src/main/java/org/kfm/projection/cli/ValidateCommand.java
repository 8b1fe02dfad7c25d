package org.kfm.projection.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import java.util.Optional;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.run.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a generation against the catalog with the parity rules (counts, SRID, geometry",
            "validity, extent, reader grants). Exit 4 when parity fails."})
public class ValidateCommand extends FormattedCommand implements UsesDatabase {
    @Option(names = "--schema", paramLabel = "NAME", description = "Schema to check (default: the live projection).")
    String schema;

    @Option(names = "--catalog", paramLabel = "URI", description = "Catalog to check against (default: kfm.catalog.uri).")
    String catalog;

    private final ProjectionOperations operations;
    private final Settings settings;

    @Inject
    public ValidateCommand(ProjectionOperations operations, Settings settings) {
        this.operations = operations;
        this.settings = settings;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Recorded<RunResults.Validation> run = operations.validate(Optional.ofNullable(schema), Optional.ofNullable(catalog),
                CliTrigger.of(settings));
        RunResults.Validation r = run.value();
        if (format.json()) {
            // the parity report as receipts hold it; a failing check throws (exit 4, error document)
            JsonOutput json = new JsonOutput();
            json.print(spec.commandLine().getOut(), new Views.ValidateView(run.runId(),
                    schema == null ? settings.projection().name() : schema, true, json.mapper().readTree(r.json())));
        } else {
            spec.commandLine().getOut().println(r.text());
            spec.commandLine().getOut().println("run " + run.runId());
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return 0;
    }
}
