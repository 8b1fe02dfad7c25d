package org.kfm.projection.bench.cli;

import org.kfm.projection.cli.Cli;
import org.kfm.projection.cli.WithoutQuarkusFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.kfm.projection.bench.synth.CoordinatePrecision;
import picocli.CommandLine;

/** The picocli wiring of bench rebuild's options, parsed without starting Quarkus or touching a database. */
class BenchRebuildCommandTest {
    private static BenchRebuildCommand parse(String... args) {
        CommandLine.ParseResult parsed = Cli.commandLine(new WithoutQuarkusFactory()).parseArgs(args);
        return (BenchRebuildCommand) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void generatesFullPrecisionCoordinatesUnlessToldOtherwise() {
        assertEquals(CoordinatePrecision.FULL, parse("bench", "rebuild", "--features", "10").precision);
        assertEquals(CoordinatePrecision.decimals(6), parse("bench", "rebuild", "--features", "10",
                "--coordinate-precision", "6").precision);
    }

    @Test
    void refusesABadCoordinatePrecisionBeforeNeedingADatabase() {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(new WithoutQuarkusFactory());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("bench", "rebuild", "--features", "10", "--coordinate-precision", "16"));
        assertTrue(err.toString().contains("Invalid value for option '--coordinate-precision': '16' is not a "
                + "coordinate precision"), err.toString());
    }
}
