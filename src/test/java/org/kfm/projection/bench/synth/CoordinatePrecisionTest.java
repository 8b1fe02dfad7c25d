package org.kfm.projection.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinatePrecisionTest {
    @Test
    void readsDecimalsAndFull() {
        assertEquals(CoordinatePrecision.decimals(6), CoordinatePrecision.parse("6"));
        assertEquals(CoordinatePrecision.DEFAULT, CoordinatePrecision.parse("6"));
        assertEquals(CoordinatePrecision.decimals(0), CoordinatePrecision.parse("0"));
        assertEquals(CoordinatePrecision.decimals(15), CoordinatePrecision.parse("15"));
        assertEquals(CoordinatePrecision.FULL, CoordinatePrecision.parse("full"));
        assertEquals(CoordinatePrecision.FULL, CoordinatePrecision.parse("FULL"));
        assertEquals(CoordinatePrecision.decimals(7), CoordinatePrecision.parse(" 07 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7x", "-1", "16", "", " ", "6.0", "+6", "1e1", "fullx", "100"})
    void refusesAnythingElseNamingTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatePrecision.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a coordinate precision"), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 15") && e.getMessage().contains("'full'"), e.getMessage());
    }

    @Test
    void refusesDecimalsOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> CoordinatePrecision.decimals(-1));
        assertThrows(IllegalArgumentException.class, () -> CoordinatePrecision.decimals(16));
    }

    @Test
    void labelsReadBackAndNameTheWorkload() {
        for (int d = 0; d <= CoordinatePrecision.MAX_DECIMALS; d++) {
            CoordinatePrecision p = CoordinatePrecision.decimals(d);
            assertEquals(p, CoordinatePrecision.parse(p.label()));
        }
        assertEquals(CoordinatePrecision.FULL, CoordinatePrecision.parse(CoordinatePrecision.FULL.label()));
        assertEquals("full", CoordinatePrecision.FULL.label());
        assertEquals("full precision", CoordinatePrecision.FULL.describe());
        assertEquals("6 decimals", CoordinatePrecision.DEFAULT.describe());
        assertEquals("1 decimal", CoordinatePrecision.decimals(1).describe());
    }

    /** The generator rounded with exactly this expression before precision was an option. */
    @Test
    void sixDecimalsRoundExactlyAsBefore() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double v = -102 + random.nextDouble() * 65;
            assertEquals(Double.doubleToRawLongBits(Math.round(v * 1e6) / 1e6),
                    Double.doubleToRawLongBits(CoordinatePrecision.DEFAULT.apply(v)), Double.toString(v));
        }
    }

    @Test
    void fullPrecisionKeepsTheDoubleAndDecimalsRound() {
        double v = -97.123456789012345;
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(CoordinatePrecision.FULL.apply(v)));
        assertEquals(-97.123, CoordinatePrecision.decimals(3).apply(v));
        assertEquals(-97.0, CoordinatePrecision.decimals(0).apply(v));
        assertEquals(38.5, CoordinatePrecision.decimals(1).apply(38.45000001));
    }
}
