package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Opens a streaming {@link FeatureReader} for an artifact's format. Thread-safe; each reader it returns is
 * not. Builds the CRS transform for the context's (source, target) pair once per reader.
 */
public final class FeatureReaders {
    private final JsonFactory jsonFactory;

    public FeatureReaders() {
        this(defaultJsonFactory());
    }

    public FeatureReaders(JsonFactory jsonFactory) {
        this.jsonFactory = Objects.requireNonNull(jsonFactory, "jsonFactory");
    }

    /**
     * The factory the readers use: fast double parsing (measured ~15% faster on coordinate-heavy input),
     * no separator between root values (so one generator can write one properties object after another).
     */
    public static JsonFactory defaultJsonFactory() {
        return new JsonFactoryBuilder()
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .rootValueSeparator((String) null)
                .build();
    }

    /**
     * Opens a reader; reading starts on the first {@link FeatureReader#next()}. The reader owns {@code in}
     * from now on and closes it (and so does this method when it throws).
     *
     * @throws org.kfm.projection.error.BadInputException rule {@code unknown-crs} when the context's source or
     *     target EPSG code is unknown to proj4j
     */
    public FeatureReader open(InputStream in, FeatureFormat format, ReaderContext ctx) {
        Objects.requireNonNull(in, "in");
        GeometryTransformer transformer;
        try {
            transformer = GeometryTransformer.create(ctx.sourceEpsg(), ctx.targetEpsg(), ctx.artifact());
        } catch (RuntimeException e) {
            // The stream was handed over: close it even though no reader will.
            try {
                in.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return switch (format) {
            case GEOJSON -> new GeoJsonReader(in, jsonFactory, ctx, transformer);
            case GEOJSON_SEQ -> new GeoJsonSeqReader(in, jsonFactory, ctx, transformer);
            case FLATGEOBUF -> new FlatGeobufReader(in, jsonFactory, ctx, transformer);
        };
    }
}
