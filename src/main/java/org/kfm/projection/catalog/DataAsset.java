package org.kfm.projection.catalog;

import java.net.URI;
import java.util.Objects;
import org.kfm.projection.feature.FeatureFormat;

/**
 * A STAC asset with role {@code data}: one artifact the loader reads.
 *
 * @param key the asset's key in the item's {@code assets} object
 * @param href absolute location, resolved against the item document
 * @param format parsed from the asset's {@code type}
 * @param checksum {@code file:checksum}, a sha2-256 multihash in lower-case hex ({@code 1220...})
 * @param size {@code file:size} in bytes
 */
public record DataAsset(String key, URI href, FeatureFormat format, String checksum, long size) {
    public DataAsset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(checksum, "checksum");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
    }
}
