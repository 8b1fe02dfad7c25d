package org.kfm.projection.artifact;

import java.io.InputStream;
import java.net.URI;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;

/**
 * Where canonical artifacts and catalog documents live: a local directory or an object store. The
 * store only moves bytes; it never interprets them. Implementations are thread-safe.
 */
public interface ArtifactStore {

    /**
     * Opens a small document (catalog, collection, item JSON) as a plain stream. The caller closes it.
     *
     * @throws BadInputException rule {@code missing-artifact} when nothing exists at {@code uri}
     * @throws UsageException rule {@code unknown-store-scheme} or {@code invalid-store-uri} when this
     *     store cannot address {@code uri}
     * @throws KfmException rule {@code store-error} when the store cannot be read for another reason
     *     (I/O error, access denied, store unreachable)
     */
    InputStream open(URI uri);

    /**
     * Opens an artifact whose checksum and size the catalog declares. The SHA-256 and the byte count
     * are computed as the caller reads; the read that reaches end of stream (returns -1) throws if
     * they differ from the declared values. A stream closed before end of stream is never verified:
     * call {@link VerifyingInputStream#drainAndVerify()} when the reader may stop early.
     *
     * @param expectedChecksum multihash hex, sha2-256 only: {@code 1220} followed by 64 hex digits
     * @param expectedSize declared size in bytes, at least 0
     * @throws BadInputException rule {@code unsupported-checksum} for a multihash other than
     *     sha2-256, {@code invalid-checksum} for a value that is not a multihash, {@code
     *     missing-artifact} when nothing exists at {@code uri}; reads from the returned stream throw
     *     {@code checksum-mismatch} or {@code size-mismatch} at end of stream
     * @throws UsageException when this store cannot address {@code uri}
     * @throws KfmException rule {@code store-error} when the store cannot be read for another reason
     */
    VerifyingInputStream openVerified(URI uri, String expectedChecksum, long expectedSize);

    /**
     * Writes a small object (a receipt, for example) in one piece, replacing any object at {@code uri}.
     * Readers never see a partial object.
     *
     * @param contentType media type recorded where the store keeps one (S3); ignored for files
     * @throws UsageException when this store cannot address {@code uri}
     * @throws KfmException rule {@code store-error} when the write fails
     */
    void write(URI uri, byte[] content, String contentType);

    /**
     * Best-effort probe: whether a {@link #write} to {@code uri} is expected to succeed. Never throws
     * for an unreachable or read-only store; answers {@code false} instead. A {@code true} answer is
     * no promise (an object store policy may still deny the write), so callers that write optional
     * outputs such as receipts still handle a failing write.
     *
     * @throws UsageException when this store cannot address {@code uri}
     */
    boolean canWrite(URI uri);
}
