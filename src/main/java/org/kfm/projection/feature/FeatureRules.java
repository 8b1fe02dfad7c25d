package org.kfm.projection.feature;

/**
 * Rule ids of {@link org.kfm.projection.error.BadInputException}s thrown while reading features. They are a
 * contract: tests, receipts and problem details match on them.
 */
public final class FeatureRules {
    /** The declared EPSG code is unknown to proj4j (or cannot be built by it). */
    public static final String UNKNOWN_CRS = "unknown-crs";
    /** A coordinate is not finite, cannot be transformed, or falls outside lon/lat range. */
    public static final String COORDINATE_OUT_OF_RANGE = "coordinate-out-of-range";
    /** The text is not JSON (syntax error, unexpected end of input). */
    public static final String MALFORMED_JSON = "malformed-json";
    /** Non-whitespace content after the FeatureCollection, or a second JSON text on a sequence line. */
    public static final String TRAILING_CONTENT = "trailing-content";
    /** Valid JSON that is not the GeoJSON structure expected (not a FeatureCollection, not a Feature...). */
    public static final String MALFORMED_GEOJSON = "malformed-geojson";
    /** A geometry that is not well formed: unclosed ring, too few positions, bad position, no coordinates. */
    public static final String MALFORMED_GEOMETRY = "malformed-geometry";
    /** A geometry {@code type} that GeoJSON does not define. */
    public static final String UNSUPPORTED_GEOMETRY_TYPE = "unsupported-geometry-type";
    /** A feature with no geometry or a {@code null} geometry. */
    public static final String MISSING_GEOMETRY = "missing-geometry";
    /** A feature with neither an {@code id} member nor the configured id property. */
    public static final String MISSING_FEATURE_ID = "missing-feature-id";
    /** A feature id that is not a string or number, or is empty. */
    public static final String INVALID_FEATURE_ID = "invalid-feature-id";
    /**
     * Well-formed text that PostgreSQL cannot store: a NUL ({@code \u0000}) or an unpaired UTF-16 surrogate
     * escape in a property (name or value, at any depth). Named by the property's JSON pointer.
     */
    public static final String UNSTORABLE_TEXT = "unstorable-text";
    /** A FlatGeobuf file that is truncated, corrupt, or not FlatGeobuf. */
    public static final String MALFORMED_FLATGEOBUF = "malformed-flatgeobuf";
    /** A FlatGeobuf header CRS that differs from the EPSG code the catalog declares. */
    public static final String CRS_MISMATCH = "crs-mismatch";

    private FeatureRules() {
    }
}
