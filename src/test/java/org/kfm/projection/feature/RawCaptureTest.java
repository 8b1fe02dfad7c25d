package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RawCaptureTest {
    private static final byte[] DATA = new byte[1_000_000];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31 + i / 7);
        }
    }

    @Test
    void takesASpanThatCrossesManyReadsAndWindowCompactions() throws IOException {
        RawCapture raw = new RawCapture(new ByteArrayInputStream(DATA));
        byte[] buf = new byte[8000];
        long delivered = 0;
        while (delivered < 100_000) {
            delivered += raw.read(buf, 0, buf.length);
        }
        long start = delivered - 10; // inside the latest read
        assertTrue(raw.start(start));
        while (delivered < 700_000) { // far past the window's first size
            // the caller scribbles over its buffer between reads, as a parser may
            Arrays.fill(buf, (byte) 0);
            delivered += raw.read(buf, 0, buf.length);
        }
        long end = delivered - 123;
        assertArrayEquals(Arrays.copyOfRange(DATA, (int) start, (int) end), raw.take(end));
    }

    @Test
    void outsideACaptureOnlyTheRecentPastIsHeld() throws IOException {
        RawCapture raw = new RawCapture(new ByteArrayInputStream(DATA));
        byte[] buf = new byte[8000];
        long delivered = 0;
        while (delivered < 600_000) {
            delivered += raw.read(buf, 0, buf.length);
        }
        assertFalse(raw.start(10), "long gone");
        assertFalse(raw.start(delivered), "not read yet");
        assertTrue(raw.start(delivered - 15_000), "the previous read is always kept");
        assertArrayEquals(Arrays.copyOfRange(DATA, (int) delivered - 15_000, (int) delivered), raw.take(delivered));
    }

    @Test
    void singleByteReadsAndSkipsAreHeldToo() throws IOException {
        RawCapture raw = new RawCapture(new ByteArrayInputStream(DATA));
        assertEquals(DATA[0] & 0xff, raw.read());
        assertTrue(raw.start(0));
        assertEquals(100, raw.skip(100));
        assertEquals(DATA[101] & 0xff, raw.read());
        assertArrayEquals(Arrays.copyOfRange(DATA, 0, 102), raw.take(102));
    }

    @Test
    void takingWithoutACaptureOrPastTheInputFails() throws IOException {
        RawCapture raw = new RawCapture(new ByteArrayInputStream(DATA));
        raw.read(new byte[100], 0, 100);
        assertThrows(IllegalStateException.class, () -> raw.take(50));
        assertTrue(raw.start(20));
        assertThrows(IllegalStateException.class, () -> raw.take(101));
        assertThrows(IllegalStateException.class, () -> raw.take(19));
    }
}
