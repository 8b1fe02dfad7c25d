package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kfm.projection.validate.ParityPolicy;

/** The plan's rules that need no database: the shrink guard's arithmetic, store labels, the skip. */
class RebuildPlanTest {
    private static final ParityPolicy POLICY = ParityPolicy.defaults(4326);

    @Test
    void theShrinkGuardRoundsItsMinimumUpAsParityDoes() {
        // 0.9 × 33 = 29.7: 30 rows pass, 29 trip
        assertEquals(RebuildPlan.ShrinkVerdict.PASSES, RebuildPlanner.shrink(30, 33L, POLICY).verdict());
        RebuildPlan.Shrink tripped = RebuildPlanner.shrink(29, 33L, POLICY);
        assertTrue(tripped.trips());
        assertEquals(30L, tripped.minimumRows());
        // 0.9 × 1,000,000 is exactly 900,000, never 900,001
        assertEquals(RebuildPlan.ShrinkVerdict.PASSES, RebuildPlanner.shrink(900_000, 1_000_000L, POLICY).verdict());
        assertEquals(RebuildPlan.ShrinkVerdict.ALLOWED,
                RebuildPlanner.shrink(1, 33L, POLICY.withShrinkGuard(0.9, true)).verdict());
        RebuildPlan.Shrink none = RebuildPlanner.shrink(5, null, POLICY);
        assertEquals(RebuildPlan.ShrinkVerdict.NOT_APPLICABLE, none.verdict());
        assertNull(none.minimumRows());
        assertEquals(RebuildPlan.ShrinkVerdict.NOT_APPLICABLE, RebuildPlanner.shrink(5, 0L, POLICY).verdict());
    }

    @Test
    void storesAreTheFileSystemOrOneBucket() {
        assertEquals("file:", RebuildPlanner.store(URI.create("file:///data/a.geojson")));
        assertEquals("s3://kfm-promoted", RebuildPlanner.store(URI.create("s3://kfm-promoted/x/a.fgb")));
        assertEquals("s3://other", RebuildPlanner.store(URI.create("s3://other/a.fgb")));
    }

    @Test
    void skippedOnlyWhenDigestAndMigrationEqualLiveAndNotForced() {
        Optional<RebuildPlan.Live> live = Optional.of(new RebuildPlan.Live(7, "sha256:a", "0050", 10L));
        assertTrue(RebuildPlan.Skip.decide("sha256:a", "0050", live, false).skipped());
        assertFalse(RebuildPlan.Skip.decide("sha256:a", "0050", live, true).skipped());
        assertEquals("migration version 0050 → 0060", RebuildPlan.Skip.decide("sha256:a", "0060", live, false).reason());
        assertFalse(RebuildPlan.Skip.decide("sha256:b", "0050", live, false).skipped());
        assertFalse(RebuildPlan.Skip.decide("sha256:a", "0050", Optional.empty(), false).skipped());
    }
}
