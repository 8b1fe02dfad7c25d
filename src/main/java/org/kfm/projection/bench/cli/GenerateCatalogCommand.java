package org.kfm.projection.bench.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.bench.synth.CoordinatePrecision;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate-catalog", mixinStandardHelpOptions = true,
        description = "Writes a deterministic synthetic STAC catalog (same arguments, same bytes) with mixed "
                + "geometry types, ids, five properties per feature, checksums and sizes. Streams: a million "
                + "features need little memory.")
public class GenerateCatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for catalog.json and data.")
    Path out;

    @Option(names = "--features", required = true, paramLabel = "N", description = "Total number of features.")
    long features;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Random seed; also fixes kfm:promoted_at (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--datasets", defaultValue = "4", paramLabel = "K",
            description = "Number of datasets (items) to split the features over (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(names = "--format", defaultValue = "geojson", converter = FormatConverter.class,
            paramLabel = "geojson|ndjson|fgb", description = "Data format (default: ${DEFAULT-VALUE}); ndjson "
                    + "writes an RFC 8142 sequence (application/geo+json-seq).")
    SyntheticFormat format;

    @Option(names = "--coordinate-precision", defaultValue = "6", converter = CoordinatePrecisionConverter.class,
            paramLabel = "0..15|full", description = "Decimals coordinates are rounded to, or full for unrounded "
                    + "doubles written as the shortest text that reads back (15-17 significant digits, as GDAL and "
                    + "QGIS write them; about 1.4 times the bytes) (default: ${DEFAULT-VALUE}, about 0.1 m).")
    CoordinatePrecision precision;

    @Override
    public Integer call() throws Exception {
        if (features < 0 || datasets < 1) {
            throw new UsageException("invalid-option", "--features must be >= 0 and --datasets >= 1 (got "
                    + features + " and " + datasets + ")");
        }
        long t0 = System.nanoTime();
        SyntheticCatalogWriter.Result result = new SyntheticCatalogWriter()
                .write(new SyntheticCatalogWriter.Options(out, features, seed, datasets, format, precision));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d features in %d %s datasets, %,d data bytes, "
                        + "coordinates %s, %.1f s%n", result.catalog(), result.features(), result.assets().size(),
                format.cliName(), result.bytes(), precision.describe(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Accepts geojson, ndjson, fgb in any case. */
    static final class FormatConverter implements ITypeConverter<SyntheticFormat> {
        @Override
        public SyntheticFormat convert(String value) {
            for (SyntheticFormat f : SyntheticFormat.values()) {
                if (f.cliName().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + value + "' is not one of geojson, ndjson, fgb");
        }
    }
}
