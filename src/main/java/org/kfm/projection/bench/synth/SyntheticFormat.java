package org.kfm.projection.bench.synth;

import java.util.Locale;
import org.kfm.projection.feature.FeatureFormat;

/** The artifact formats the generator writes. NDJSON output is an RFC 8142 sequence (RS-prefixed lines). */
public enum SyntheticFormat {
    GEOJSON(FeatureFormat.GEOJSON, "geojson"),
    NDJSON(FeatureFormat.GEOJSON_SEQ, "geojsons"),
    FGB(FeatureFormat.FLATGEOBUF, "fgb");

    private final FeatureFormat format;
    private final String extension;

    SyntheticFormat(FeatureFormat format, String extension) {
        this.format = format;
        this.extension = extension;
    }

    public FeatureFormat featureFormat() {
        return format;
    }

    public String extension() {
        return extension;
    }

    /** The CLI spelling: geojson, ndjson, fgb. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
