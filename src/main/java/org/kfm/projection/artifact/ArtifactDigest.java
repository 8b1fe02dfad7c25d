package org.kfm.projection.artifact;

import java.util.Objects;

/**
 * What was actually read from an artifact: its sha2-256 multihash (lower-case hex, {@code 1220...})
 * and its size in bytes.
 */
public record ArtifactDigest(String checksum, long size) {
    public ArtifactDigest {
        Objects.requireNonNull(checksum, "checksum");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
    }
}
