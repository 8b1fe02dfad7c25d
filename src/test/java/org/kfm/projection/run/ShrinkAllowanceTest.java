package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.history.Trigger;

/** The shrink allowance's range is checked once, in the request type, for the CLI and the API alike. */
class ShrinkAllowanceTest {

    @Test
    void aFractionFromZeroToOneIsAllowedAndNothingElse() {
        assertEquals(OptionalDouble.empty(), RebuildRequest.shrinkAllowance("--allow-shrink", null));
        assertEquals(OptionalDouble.of(0.5), RebuildRequest.shrinkAllowance("--allow-shrink", 0.5));
        assertEquals(OptionalDouble.of(1.0), RebuildRequest.shrinkAllowance("--allow-shrink", 1.0));
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            UsageException e = assertThrows(UsageException.class, () -> RebuildRequest.shrinkAllowance("allowShrink", bad));
            assertEquals("invalid-option", e.rule());
            assertEquals("allowShrink must be between 0 and 1, got " + bad, e.getMessage());
        }
    }

    @Test
    void noRequestCarriesOneOutsideTheRange() {
        assertThrows(UsageException.class, () -> new RebuildRequest(Optional.empty(), false, false, false,
                OptionalDouble.of(2), true, new Trigger("t", "test")));
    }
}
