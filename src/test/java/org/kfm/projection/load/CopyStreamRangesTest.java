package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A split stream maps its own row numbers back to the artifact's feature indexes; a stopped hand-off ends both sides. */
class CopyStreamRangesTest {
    @Test
    void rowNumbersOfAStreamMapToTheFeaturesItWasHanded() {
        CopyStreamWorker.Ranges sent = new CopyStreamWorker.Ranges();
        assertEquals(-1, sent.last());
        sent.add(0, 256);
        sent.add(768, 256);
        sent.add(1280, 10);
        assertEquals(522, sent.total());
        assertEquals(1289, sent.last());
        assertEquals(0, sent.featureOfLine(1));
        assertEquals(255, sent.featureOfLine(256));
        assertEquals(768, sent.featureOfLine(257));
        assertEquals(1023, sent.featureOfLine(512));
        assertEquals(1280, sent.featureOfLine(513));
        assertEquals(1289, sent.featureOfLine(522));
    }

    @Test
    void growsPastItsFirstArray() {
        CopyStreamWorker.Ranges sent = new CopyStreamWorker.Ranges();
        for (int i = 0; i < 1000; i++) {
            sent.add(i * 3L, 1);
        }
        assertEquals(2997, sent.featureOfLine(1000));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void aStoppedHandOffEndsTheWaitsOfReaderAndWorkers() throws InterruptedException {
        FeatureHandoff handoff = new FeatureHandoff(1);
        FeatureHandoff.Batch batch = new FeatureHandoff.Batch(0, List.of());
        handoff.put(batch, () -> { });
        handoff.put(batch, () -> { });
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handoff.stop();
        });
        stopper.start();
        // the queue is full (two batches for one worker): the reader waits until the stop
        assertThrows(LoadControl.Aborted.class, () -> handoff.put(batch, () -> { }));
        assertThrows(LoadControl.Aborted.class, handoff::take);
        stopper.join();
    }
}
