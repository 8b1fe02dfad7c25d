package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void benchReadersPrintsOneLinePerFormat() {
        assertEquals(0, run("bench", "readers", "--features", "200", "--runs", "1", "--dir", tmp.toString()));
        String table = out.toString();
        assertTrue(table.contains("geojson") && table.contains("ndjson") && table.contains("fgb"), table);
        assertTrue(table.contains("features/s"), table);
    }
}
