package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;

class LoadControlTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<LoadProgress> reports = new ArrayList<>();
    private boolean cancel;
    private final LoadListener listener = new LoadListener() {
        @Override
        public void progress(LoadProgress p) {
            reports.add(p);
        }

        @Override
        public boolean cancelled() {
            return cancel;
        }
    };
    private final LoadControl control = new LoadControl(listener, clock, Duration.ofMillis(500), 1000,
            PgIdentifier.of("shadow"));

    @Test
    void reportsAtMostOncePerInterval() {
        control.assetStarted("file:///a");
        control.checkpoint("file:///a", 10, "v1", 10, 100);
        clock.now = clock.now.plusMillis(499);
        control.checkpoint("file:///a", 20, "v1", 10, 100);
        assertEquals(0, reports.size());
        clock.now = clock.now.plusMillis(1);
        control.checkpoint("file:///a", 30, "v1", 10, 100);
        clock.now = clock.now.plusMillis(100);
        control.checkpoint("file:///a", 40, "v1", 10, 100);
        assertEquals(1, reports.size());
        LoadProgress p = reports.get(0);
        assertEquals(30, p.rows());
        assertEquals(300, p.bytes());
        assertEquals(List.of("file:///a"), p.currentAssets());
        assertEquals(0.3, p.fraction(), 1e-9);
        assertEquals(600, p.bytesPerSecond(), 1e-9);
        assertEquals(Optional.of(Duration.ofMillis(1166)), p.eta());
    }

    @Test
    void firstFailureWinsLaterOnesAreSuppressedAndAbortsAreDropped() {
        BadInputException first = new BadInputException("checksum-mismatch", "file:///a", null, "x");
        IllegalStateException later = new IllegalStateException("cleanup");
        control.fail(first);
        control.fail(new LoadControl.Aborted());
        control.fail(later);
        assertSame(first, control.failure());
        assertEquals(List.of(later), List.of(first.getSuppressed()));
        assertThrows(LoadControl.Aborted.class, () -> control.checkContinue("file:///b", 5, "v2"));
    }

    @Test
    void cancelNamesAssetRowAndDatasetVersion() {
        cancel = true;
        LoadCancelledException e = assertThrows(LoadCancelledException.class,
                () -> control.checkpoint("file:///a", 2048, "v1", 1024, 10));
        assertEquals("file:///a", e.artifact());
        assertEquals(2048, e.row());
        assertTrue(e.getMessage().startsWith("load cancelled at file:///a, feature 2048 (dataset version 'v1')"),
                e.getMessage());
    }
}
