package org.kfm.projection.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.Schemas;
import org.kfm.projection.diff.DiffReport;
import org.kfm.projection.diff.FeatureDiff;
import org.kfm.projection.diff.GeoJsonChanges;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.settings.Settings;

/**
 * {@code diff}: which features differ between two generations of the projection. The sides are named
 * {@code live}, {@code previous} or {@code shadow} (resolved from the settings as the swap names
 * them: {@code <projection>}, {@code <projection>_prev}, {@code <projection>_shadow}) or by a schema
 * name. A read: it records no run, takes no lock and writes nothing to the database; a run record
 * would say only that someone looked, and the answer is printed (docs/runbook.md).
 */
public final class FeatureDiffs {
    public static final int MAX_LIMIT = 10_000;

    private final DataSource dataSource;
    private final Settings settings;
    private final FeatureDiff diff;

    public FeatureDiffs(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.diff = new FeatureDiff(dataSource);
    }

    /**
     * Compares {@code from} with {@code to}.
     *
     * @param geojson a file to write every differing feature to (replaced only when the diff succeeds)
     * @throws UsageException rule {@code invalid-identifier}, {@code schema-not-found}, {@code not-a-projection},
     *     {@code dataset-version-not-found} or {@code invalid-option} (exit 2)
     * @throws KfmException rule {@code database} or {@code diff-output} when reading or writing fails
     */
    public DiffResults.Diff diff(String from, String to, Optional<String> datasetVersion, int limit,
            Optional<Path> geojson) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new UsageException("invalid-option", "--limit must be between 0 and " + MAX_LIMIT + ", got "
                    + limit);
        }
        PgIdentifier a = side("--from", from);
        PgIdentifier b = side("--to", to);
        Optional<Path> target = geojson.map(FeatureDiffs::checkedTarget);
        if (target.isEmpty()) {
            DiffReport r = diff.compare(a, b, datasetVersion, limit, Optional.empty());
            return DiffResults.of(known(r, datasetVersion), datasetVersion, Optional.empty(), 0);
        }
        Path file = target.get();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            DiffReport r;
            long written;
            try (OutputStream stream = Files.newOutputStream(partial);
                    GeoJsonChanges changes = new GeoJsonChanges(stream, a.name(), b.name())) {
                r = known(diff.compare(a, b, datasetVersion, limit, Optional.of(changes)), datasetVersion);
                written = changes.written();
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            return DiffResults.of(r, datasetVersion, Optional.of(file.toString()), written);
        } catch (IOException e) {
            throw new KfmException(ErrorCode.FAILED, "diff-output", "cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** The schema a side names, checked to exist and to hold a projection. */
    private PgIdentifier side(String option, String name) {
        PgIdentifier schema = switch (name) {
            case "live" -> settings.projection();
            case "previous" -> settings.previous();
            case "shadow" -> settings.shadow();
            default -> PgIdentifier.of(name);
        };
        if (!Schemas.exists(dataSource, schema)) {
            String what = switch (name) {
                case "live" -> ": nothing is live yet (run kfm-projection rebuild)";
                case "previous" -> ": no generation is kept for rollback (the first rebuild, or after prune)";
                case "shadow" -> ": no shadow is kept (only a failed or --no-swap rebuild keeps one)";
                default -> "";
            };
            throw new UsageException("schema-not-found", option + " " + name + ": schema " + schema
                    + " does not exist" + what + "; kfm-projection status lists the generations");
        }
        if (!diff.isProjection(schema)) {
            throw new UsageException("not-a-projection", option + " " + name + ": schema " + schema
                    + " has no dataset_version and feature_geom tables: it is not a projection generation");
        }
        return schema;
    }

    private static DiffReport known(DiffReport r, Optional<String> datasetVersion) {
        if (datasetVersion.isPresent() && r.versions().isEmpty()) {
            throw new UsageException("dataset-version-not-found", "--dataset-version " + datasetVersion.get()
                    + " is in neither " + r.from() + " nor " + r.to());
        }
        return r;
    }

    private static Path checkedTarget(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || Files.isDirectory(file)) {
            throw new UsageException("invalid-option", "--geojson " + file + ": the directory " + dir
                    + " does not exist or the path is a directory");
        }
        return file.toAbsolutePath();
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // never hide the diff's own error: a leftover .partial file is harmless and replaced next time
        }
    }
}
