package org.kfm.projection.feature;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The stream a JSON parser reads, able to hand back a span of the input (a feature's
 * {@code properties} object) verbatim, by the parser's byte offsets, instead of having it
 * re-generated token by token.
 *
 * <p>It keeps its own copy of what it returned in a window of at least the last two reads (a
 * parser may move or overwrite its buffer, so that buffer is never relied on), and during a capture
 * everything from the capture's start. The byte a parser's current token starts at is always in the
 * window (a parser reads only when it needs a byte it does not have); if it is not, {@link #start}
 * says so and the caller copies another way. Offsets count every byte this stream returned, as
 * {@code JsonLocation.getByteOffset()} does for a parser over it. Copying every byte once costs
 * far less than generating JSON text again.
 */
final class RawCapture extends FilterInputStream {
    private byte[] window = new byte[256 * 1024];
    /** Absolute offset of {@code window[0]}. */
    private long windowStart;
    private int windowLength;
    /** Absolute offset where the latest read starts. */
    private long latestRead;
    private long captureStart = -1;
    private final byte[] one = new byte[1];

    RawCapture(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            remember(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte a parser passes over must be in the window, so skipping reads through
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * Starts a capture at absolute offset {@code offset}.
     *
     * @return false when that byte is no longer (or not yet) held; nothing is captured then
     */
    boolean start(long offset) {
        if (offset < windowStart || offset >= windowStart + windowLength) {
            return false;
        }
        captureStart = offset;
        return true;
    }

    /**
     * The bytes from the capture's start to {@code endExclusive}; ends the capture.
     *
     * @throws IllegalStateException when no capture runs or the end lies outside what was read
     */
    byte[] take(long endExclusive) {
        if (captureStart < 0 || endExclusive < captureStart || endExclusive > windowStart + windowLength) {
            throw new IllegalStateException("cannot take [" + captureStart + ", " + endExclusive + ") from a window of ["
                    + windowStart + ", " + (windowStart + windowLength) + ")");
        }
        int from = (int) (captureStart - windowStart);
        captureStart = -1;
        return Arrays.copyOfRange(window, from, (int) (endExclusive - windowStart));
    }

    private void remember(byte[] b, int off, int n) {
        if (windowLength + n > window.length) {
            // keep the latest read, and a running capture from its start
            long keepFrom = captureStart >= 0 ? Math.min(captureStart, latestRead) : latestRead;
            int drop = (int) (keepFrom - windowStart);
            System.arraycopy(window, drop, window, 0, windowLength - drop);
            windowLength -= drop;
            windowStart = keepFrom;
            if (windowLength + n > window.length) {
                window = Arrays.copyOf(window, Math.max(window.length * 2, windowLength + n));
            }
        }
        latestRead = windowStart + windowLength;
        System.arraycopy(b, off, window, windowLength, n);
        windowLength += n;
    }
}
