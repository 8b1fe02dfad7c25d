package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Streams a GeoJSON FeatureCollection with Jackson's streaming parser: one feature in memory at a time.
 * Root members may come in any order ({@code features} before {@code type}, foreign members anywhere).
 * After the collection's closing brace the rest of the stream is read and must be whitespace only.
 */
final class GeoJsonReader implements FeatureReader {
    private enum State { BEFORE_FEATURES, IN_FEATURES, DONE }

    private final JsonParser parser;
    private final FeatureSite site;
    private final GeoJsonFeatureParser features;
    private State state = State.BEFORE_FEATURES;
    private String type;
    private boolean featuresSeen;
    private long position;

    GeoJsonReader(InputStream in, JsonFactory factory, ReaderContext ctx, GeometryTransformer transformer) {
        this.site = new FeatureSite(ctx.artifact());
        RawCapture raw = new RawCapture(in);
        try {
            this.parser = factory.createParser(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.features = new GeoJsonFeatureParser(factory, ctx, site, transformer, raw);
    }

    @Override
    public Feature next() {
        try {
            return advance();
        } catch (JsonProcessingException e) {
            // a stream constraint (nesting depth...) carries no location: the parser's is where it stopped
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw site.at(FeatureRules.MALFORMED_JSON, at, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + site.artifact() + ": " + e.getMessage(), e);
        }
    }

    private Feature advance() throws IOException {
        if (state == State.BEFORE_FEATURES && position == 0 && parser.currentToken() == null) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw site.at(FeatureRules.MALFORMED_GEOJSON, parser.currentTokenLocation(),
                        "expected a GeoJSON FeatureCollection object but found "
                                + GeoJsonGeometryParser.describe(first), null);
            }
        }
        while (state != State.DONE) {
            if (state == State.IN_FEATURES) {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    return features.parse(parser, position++);
                }
                if (t != JsonToken.END_ARRAY) {
                    throw site.at(FeatureRules.MALFORMED_GEOJSON, parser.currentTokenLocation(),
                            "each member of \"features\" must be a Feature object but found "
                                    + GeoJsonGeometryParser.describe(t), null);
                }
                state = State.BEFORE_FEATURES;
            }
            rootMembers();
        }
        return null;
    }

    /** Walks root members until "features" opens (IN_FEATURES) or the root closes (DONE). */
    private void rootMembers() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("type".equals(name)) {
                type = value == JsonToken.VALUE_STRING ? parser.getText() : GeoJsonGeometryParser.describe(value);
                checkType();
            } else if ("features".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw site.at(FeatureRules.MALFORMED_GEOJSON, parser.currentTokenLocation(),
                            "\"features\" must be an array but is " + GeoJsonGeometryParser.describe(value), null);
                }
                featuresSeen = true;
                state = State.IN_FEATURES;
                return;
            } else {
                parser.skipChildren();
            }
        }
        finish(t);
    }

    private void finish(JsonToken end) throws IOException {
        if (end != JsonToken.END_OBJECT) {
            throw site.at(FeatureRules.MALFORMED_JSON, parser.currentTokenLocation(), "unexpected "
                    + GeoJsonGeometryParser.describe(end), null);
        }
        if (type == null) {
            throw site.at(FeatureRules.MALFORMED_GEOJSON, parser.currentTokenLocation(),
                    "the root object has no \"type\"; expected \"type\": \"FeatureCollection\"", null);
        }
        if (!featuresSeen) {
            throw site.at(FeatureRules.MALFORMED_GEOJSON, parser.currentTokenLocation(),
                    "the FeatureCollection has no \"features\" member", null);
        }
        JsonToken extra;
        try {
            extra = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw site.at(FeatureRules.TRAILING_CONTENT, e.getLocation(), "found non-JSON content after the end of "
                    + "the FeatureCollection: " + e.getOriginalMessage(), e);
        }
        if (extra != null) {
            throw site.at(FeatureRules.TRAILING_CONTENT, parser.currentTokenLocation(),
                    "found " + GeoJsonGeometryParser.describe(extra) + " after the end of the FeatureCollection; "
                            + "an artifact holds exactly one", null);
        }
        state = State.DONE;
    }

    private void checkType() {
        if (!"FeatureCollection".equals(type)) {
            throw site.at(FeatureRules.MALFORMED_GEOJSON, parser.currentTokenLocation(),
                    "expected a FeatureCollection but \"type\" is \"" + type + "\"", null);
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
