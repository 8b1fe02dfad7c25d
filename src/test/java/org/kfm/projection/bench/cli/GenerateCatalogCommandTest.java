package org.kfm.projection.bench.cli;

import org.kfm.projection.cli.Cli;
import org.kfm.projection.cli.WithoutQuarkusFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The picocli wiring of generate-catalog and bench readers, run without starting Quarkus. */
class GenerateCatalogCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cli.commandLine(new WithoutQuarkusFactory());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesACatalogInTheRequestedFormat() {
        assertEquals(0, run("generate-catalog", "--out", tmp.toString(), "--features", "50", "--datasets", "2",
                "--format", "FGB", "--seed", "3"));
        assertTrue(Files.exists(tmp.resolve("catalog.json")));
        assertTrue(Files.exists(tmp.resolve("synthetic/synthetic-2/synthetic-2.fgb")));
        assertTrue(out.toString().contains("50 features in 2 fgb datasets"), out.toString());
    }

    @Test
    void refusesAnUnknownFormatAsBadUsage() {
        assertEquals(2, run("generate-catalog", "--out", tmp.toString(), "--features", "5", "--format", "shp"));
        assertTrue(err.toString().contains("'shp' is not one of geojson, ndjson, fgb"), err.toString());
    }

    @Test
    void writesSixDecimalsUnlessToldOtherwise() throws Exception {
        assertEquals(0, run("generate-catalog", "--out", tmp.resolve("six").toString(), "--features", "40"));
        assertEquals(0, run("generate-catalog", "--out", tmp.resolve("full").toString(), "--features", "40",
                "--coordinate-precision", "full"));
        assertTrue(out.toString().contains("coordinates 6 decimals"), out.toString());
        assertTrue(out.toString().contains("coordinates full precision"), out.toString());
        Path data = Path.of("synthetic", "synthetic-1", "synthetic-1.geojson");
        assertTrue(Files.size(tmp.resolve("full").resolve(data)) > Files.size(tmp.resolve("six").resolve(data)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7x", "-1", "16", "", "six"})
    void refusesABadCoordinatePrecisionAsBadUsage(String value) {
        assertEquals(2, run("generate-catalog", "--out", tmp.toString(), "--features", "5",
                "--coordinate-precision=" + value));
        assertTrue(err.toString().contains("Invalid value for option '--coordinate-precision': '" + value
                + "' is not a coordinate precision: use a number of decimals from 0 to 15"), err.toString());
        assertFalse(Files.exists(tmp.resolve("catalog.json")));
    }

    @Test
    void refusesANegativePrecisionGivenAsTheNextArgument() {
        assertEquals(2, run("generate-catalog", "--out", tmp.toString(), "--features", "5",
                "--coordinate-precision", "-1"));
        assertTrue(err.toString().contains("'-1' is not a coordinate precision"), err.toString());
    }

    @Test
    void benchReadersPrintsOneLinePerFormat() {
        assertEquals(0, run("bench", "readers", "--features", "200", "--runs", "1", "--dir", tmp.toString()));
        String table = out.toString();
        assertTrue(table.contains("geojson") && table.contains("ndjson") && table.contains("fgb"), table);
        assertTrue(table.contains("features/s"), table);
    }
}
