package org.kfm.projection.load;

import java.util.Objects;

/**
 * One data asset as loaded.
 *
 * @param key the asset's key in the item's {@code assets}
 * @param href the artifact's location
 * @param checksum its {@code file:checksum}, verified while streaming
 * @param bytes bytes read (equal to the declared {@code file:size} once verified)
 * @param features features read from it, each copied as one row
 */
public record AssetLoad(String key, String href, String checksum, long bytes, long features) {
    public AssetLoad {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(checksum, "checksum");
    }
}
