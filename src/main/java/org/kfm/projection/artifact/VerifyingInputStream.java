package org.kfm.projection.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.kfm.projection.error.BadInputException;

/**
 * A stream over an artifact that hashes (SHA-256) and counts the bytes as they flow, and compares
 * both with the catalog's declaration on the read that reaches end of stream. A mismatch throws
 * {@link BadInputException} ({@code size-mismatch} is checked first, then {@code checksum-mismatch})
 * from that read, and again from every later read. Closing the stream before end of stream skips
 * the check: callers whose parser may stop early call {@link #drainAndVerify()}.
 *
 * <p>Not thread-safe, like any stream. {@code mark}/{@code reset} are not supported; {@code skip}
 * reads through the skipped bytes so they are hashed too.
 */
public final class VerifyingInputStream extends InputStream {
    private static final int SKIP_BUFFER = 8192;

    private final InputStream in;
    private final URI artifact;
    private final String expectedChecksum;
    private final long expectedSize;
    private final MessageDigest sha256;
    private long count;
    private ArtifactDigest verified;
    private BadInputException failure;
    private boolean closed;

    /**
     * @param expectedChecksum sha2-256 multihash hex ({@code 1220...})
     * @throws BadInputException rule {@code unsupported-checksum} or {@code invalid-checksum}
     * @throws IllegalArgumentException when {@code expectedSize} is negative
     */
    public VerifyingInputStream(InputStream in, URI artifact, String expectedChecksum, long expectedSize) {
        this.in = Objects.requireNonNull(in, "in");
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.expectedChecksum = Checksums.requireSha256(expectedChecksum, artifact);
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expected size must be >= 0, got " + expectedSize + " for " + artifact);
        }
        this.expectedSize = expectedSize;
        this.sha256 = newSha256();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verifyAtEof();
            return -1;
        }
        sha256.update((byte) b);
        count++;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verifyAtEof();
            return -1;
        }
        sha256.update(buffer, offset, n);
        count += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping the underlying stream would leave bytes out of the hash: read through them instead.
        byte[] scratch = new byte[(int) Math.min(SKIP_BUFFER, Math.max(n, 1))];
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
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }

    /**
     * Reads the rest of the stream (hashing it) and verifies it, for callers that may have stopped
     * before end of stream. Idempotent once verified or failed, also after {@link #close()} (a
     * parser may close its source when it reaches the end).
     *
     * @return what was actually read: checksum and size, both equal to the declared values
     * @throws BadInputException rule {@code size-mismatch} or {@code checksum-mismatch}
     * @throws IOException when the underlying stream fails
     * @throws IllegalStateException when the stream was closed before its end was reached
     */
    public ArtifactDigest drainAndVerify() throws IOException {
        if (verified != null) {
            return verified;
        }
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IllegalStateException(artifact + " was closed after " + count
                    + " bytes, before its end: it cannot be verified any more");
        }
        skip(Long.MAX_VALUE);
        verifyAtEof();
        return verified;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return count;
    }

    /** The artifact this stream reads. */
    public URI artifact() {
        return artifact;
    }

    private void verifyAtEof() {
        if (verified != null) {
            return;
        }
        if (failure != null) {
            throw failure;
        }
        String actual = Checksums.sha256Multihash(sha256.digest());
        if (count != expectedSize) {
            failure = new BadInputException("size-mismatch", artifact.toString(), null,
                    "expected file:size " + expectedSize + " bytes, actual " + count + " bytes (actual checksum "
                            + actual + "); the artifact changed or was cut short after promotion: restore it or "
                            + "promote a new dataset version");
            throw failure;
        }
        if (!actual.equals(expectedChecksum)) {
            failure = new BadInputException("checksum-mismatch", artifact.toString(), null,
                    "expected file:checksum " + expectedChecksum + ", actual " + actual + " (" + count
                            + " bytes, size as declared); the artifact changed after promotion: restore it or "
                            + "promote a new dataset version");
            throw failure;
        }
        verified = new ArtifactDigest(actual, count);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
