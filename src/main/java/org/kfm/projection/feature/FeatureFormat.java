package org.kfm.projection.feature;

import java.util.Arrays;
import java.util.Optional;

/** The artifact formats the projection can load, keyed by the media type a STAC asset declares. */
public enum FeatureFormat {
    GEOJSON("application/geo+json"),
    GEOJSON_SEQ("application/geo+json-seq"),
    FLATGEOBUF("application/vnd.flatgeobuf");

    private final String mediaType;

    FeatureFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Matches a media type, ignoring case and parameters such as {@code ; charset=utf-8}. */
    public static Optional<FeatureFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String bare = mediaType.split(";", 2)[0].trim();
        return Arrays.stream(values()).filter(f -> f.mediaType.equalsIgnoreCase(bare)).findFirst();
    }
}
