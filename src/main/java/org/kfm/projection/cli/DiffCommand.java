package org.kfm.projection.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.kfm.projection.run.DiffResults;
import org.kfm.projection.run.FeatureDiffs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Per dataset version, the features added, removed and changed (geometry or properties)",
            "between two generations: counts and the first ids. Compared in the database and streamed, so",
            "any size fits in a small heap. A read: records no run, takes no lock."})
public class DiffCommand extends FormattedCommand implements UsesDatabase {
    @Option(names = "--from", paramLabel = "live|previous|SCHEMA", defaultValue = "live",
            description = "The old side: live, previous, shadow or a schema name (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", paramLabel = "shadow|SCHEMA", defaultValue = "shadow",
            description = "The new side: shadow, live, previous or a schema name (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--dataset-version", paramLabel = "V", description = "Compare this dataset version only.")
    String datasetVersion;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Ids to list per version and kind, 0.." + FeatureDiffs.MAX_LIMIT
                    + " (default: ${DEFAULT-VALUE}); the counts are always complete.")
    int limit;

    @Option(names = "--geojson", paramLabel = "FILE",
            description = "Write every differing feature, old and new geometry, as a GeoJSON FeatureCollection.")
    Path geojson;

    private final FeatureDiffs diffs;

    @Inject
    public DiffCommand(FeatureDiffs diffs) {
        this.diffs = diffs;
    }

    @Override
    public Integer call() {
        DiffResults.Diff d = diffs.diff(from, to, Optional.ofNullable(datasetVersion), limit,
                Optional.ofNullable(geojson));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            new JsonOutput().print(out, Views.DiffView.of(d));
            return 0;
        }
        out.printf("diff %s -> %s: %d added, %d removed, %d changed in %d dataset version(s)%n", d.from(), d.to(),
                d.added(), d.removed(), d.changed(), d.versions().size());
        for (DiffResults.Version v : d.versions()) {
            out.printf("  %s: %d -> %d rows; %d added, %d removed, %d changed (%d geometry, %d properties), "
                    + "%d unchanged%n", v.datasetVersionId(), v.fromRows(), v.toRows(), v.added(), v.removed(),
                    v.changed(), v.geometryChanged(), v.propertiesChanged(), v.unchanged());
            ids(out, "added", v.added(), v.addedIds());
            ids(out, "removed", v.removed(), v.removedIds());
            ids(out, "changed", v.changed(), v.changedIds());
        }
        d.geojson().ifPresent(f -> out.println("wrote " + d.featuresWritten() + " feature(s) to " + f));
        out.flush();
        return 0;
    }

    private static void ids(PrintWriter out, String kind, long count, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        out.println("    " + kind + ": " + String.join(", ", ids) + (count > ids.size() ? " ... ("
                + (count - ids.size()) + " more)" : ""));
    }
}
