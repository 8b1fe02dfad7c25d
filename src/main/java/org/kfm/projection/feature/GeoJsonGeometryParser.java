package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Arrays;
import org.kfm.projection.error.BadInputException;

/**
 * Parses one GeoJSON geometry object into a {@link CoordinateBuffer} and a {@link Shape}, validating that it
 * is well formed (position sizes, LineString and ring sizes, ring closure). Members may come in any order:
 * when {@code coordinates} or {@code geometries} precede {@code type}, that member is buffered and replayed
 * once the type is known; errors inside it then point at the buffered member. Topological validity
 * (self-intersection etc.) is not checked: such geometries are read as published. An unclosed ring is
 * refused or closed, as the {@link UnclosedRingPolicy} says; closed rings are counted per feature.
 */
final class GeoJsonGeometryParser {
    private final CoordinateBuffer buffer;
    private final FeatureSite site;
    private final UnclosedRingPolicy unclosedRings;
    private JsonLocation replayedAt;
    private int closedRings;

    GeoJsonGeometryParser(CoordinateBuffer buffer, FeatureSite site, UnclosedRingPolicy unclosedRings) {
        this.buffer = buffer;
        this.site = site;
        this.unclosedRings = unclosedRings;
    }

    /** Rings closed since the last call, which starts the count again (one call per feature). */
    int takeClosedRings() {
        int n = closedRings;
        closedRings = 0;
        return n;
    }

    /** Parses the geometry object the parser is positioned on ({@code START_OBJECT}); leaves it on its end. */
    Shape parse(JsonParser p) throws IOException {
        GeometryKind kind = null;
        Shape shape = null;
        TokenBuffer pending = null;
        JsonLocation pendingAt = null;
        String pendingName = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("type".equals(name)) {
                kind = kind(p, t);
            } else if ("coordinates".equals(name) || "geometries".equals(name)) {
                boolean wanted = "geometries".equals(name) == (kind == GeometryKind.GEOMETRY_COLLECTION);
                if (kind != null && wanted) {
                    shape = "geometries".equals(name) ? members(p) : coordinates(p, kind);
                } else if (kind == null && (pending == null || !name.equals(pendingName))) {
                    pendingAt = location(p);
                    pendingName = name;
                    pending = TokenBuffer.asCopyOfValue(p);
                } else {
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        if (kind == null) {
            throw site.at(FeatureRules.MALFORMED_GEOMETRY, location(p), "the geometry has no \"type\" member");
        }
        String member = kind == GeometryKind.GEOMETRY_COLLECTION ? "geometries" : "coordinates";
        if (shape == null && pending != null && member.equals(pendingName)) {
            shape = replay(pending, pendingAt, kind);
        }
        if (shape == null) {
            throw site.at(FeatureRules.MALFORMED_GEOMETRY, location(p), "the " + kind.type() + " has no \"" + member
                    + "\" member");
        }
        return shape;
    }

    private GeometryKind kind(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw site.at(FeatureRules.MALFORMED_GEOMETRY, location(p), "the geometry \"type\" must be a string");
        }
        GeometryKind kind = GeometryKind.of(p.getText());
        if (kind == null) {
            throw site.at(FeatureRules.UNSUPPORTED_GEOMETRY_TYPE, location(p), "geometry type \"" + p.getText()
                    + "\" is not one of Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, "
                    + "GeometryCollection");
        }
        return kind;
    }

    private Shape replay(TokenBuffer tokens, JsonLocation at, GeometryKind kind) throws IOException {
        JsonLocation outer = replayedAt;
        if (outer == null) {
            replayedAt = at;
        }
        try (JsonParser rp = tokens.asParser()) {
            rp.nextToken();
            return kind == GeometryKind.GEOMETRY_COLLECTION ? members(rp) : coordinates(rp, kind);
        } finally {
            replayedAt = outer;
        }
    }

    private Shape members(JsonParser p) throws IOException {
        expectArray(p, "\"geometries\"");
        Shape[] parts = new Shape[4];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw malformed(p, "each member of \"geometries\" must be a geometry object");
            }
            parts = n == parts.length ? Arrays.copyOf(parts, n * 2) : parts;
            parts[n++] = parse(p);
        }
        return new Shape(GeometryKind.GEOMETRY_COLLECTION, buffer.size(), null, Arrays.copyOf(parts, n));
    }

    private Shape coordinates(JsonParser p, GeometryKind kind) throws IOException {
        expectArray(p, "\"coordinates\"");
        int start = buffer.size();
        return switch (kind) {
            case POINT -> {
                position(p, true);
                yield new Shape(kind, start, new int[] {buffer.size()}, null);
            }
            case MULTI_POINT -> new Shape(kind, start, new int[] {positions(p)}, null);
            case LINE_STRING -> new Shape(kind, start, new int[] {line(p, "LineString")}, null);
            case POLYGON -> polygon(p);
            case MULTI_LINE_STRING -> multiLine(p);
            case MULTI_POLYGON -> multiPolygon(p);
            case GEOMETRY_COLLECTION -> throw new IllegalStateException("handled by members()");
        };
    }

    private Shape multiPolygon(JsonParser p) throws IOException {
        Shape[] polygons = new Shape[4];
        int n = 0;
        while (nextList(p, "polygon") != JsonToken.END_ARRAY) {
            Shape polygon = polygon(p);
            if (polygon.ends().length == 0) {
                throw malformed(p, "polygon " + n + " of the MultiPolygon has no rings");
            }
            polygons = n == polygons.length ? Arrays.copyOf(polygons, n * 2) : polygons;
            polygons[n++] = polygon;
        }
        return new Shape(GeometryKind.MULTI_POLYGON, buffer.size(), null, Arrays.copyOf(polygons, n));
    }

    private Shape multiLine(JsonParser p) throws IOException {
        int start = buffer.size();
        int[] ends = new int[4];
        int n = 0;
        while (nextList(p, "line") != JsonToken.END_ARRAY) {
            int from = buffer.size();
            int end = line(p, "line " + n + " of the MultiLineString");
            if (end == from) {
                throw malformed(p, "line " + n + " of the MultiLineString has no positions");
            }
            ends = n == ends.length ? Arrays.copyOf(ends, n * 2) : ends;
            ends[n++] = end;
        }
        return new Shape(GeometryKind.MULTI_LINE_STRING, start, Arrays.copyOf(ends, n), null);
    }

    private Shape polygon(JsonParser p) throws IOException {
        int start = buffer.size();
        int[] ends = new int[2];
        int n = 0;
        while (nextList(p, "ring") != JsonToken.END_ARRAY) {
            int from = buffer.size();
            int to = ring(p, n, from, positions(p));
            ends = n == ends.length ? Arrays.copyOf(ends, n * 2) : ends;
            ends[n++] = to;
        }
        return new Shape(GeometryKind.POLYGON, start, Arrays.copyOf(ends, n), null);
    }

    /**
     * Checks the ring [from, to) that was just parsed (it ends the buffer); returns its end, one
     * position later when the policy closed it.
     */
    private int ring(JsonParser p, int ring, int from, int to) {
        boolean closed = to > from && isClosed(from, to - 1);
        if (!closed && to - from >= 1 && unclosedRings == UnclosedRingPolicy.CLOSE) {
            buffer.repeat(from);
            closedRings++;
            if (to + 1 - from < 4) {
                throw malformed(p, "ring " + ring + " has " + (to - from) + " positions (" + (to + 1 - from)
                        + " once closed); a linear ring needs at least 4");
            }
            return to + 1;
        }
        if (to - from < 4) {
            throw malformed(p, "ring " + ring + " has " + (to - from) + " positions; a linear ring needs at least 4");
        }
        if (!closed) {
            int last = to - 1;
            throw malformed(p, "ring " + ring + " is not closed: its first position (" + buffer.x(from) + " "
                    + buffer.y(from) + ") differs from its last (" + buffer.x(last) + " " + buffer.y(last) + "); "
                    + "to close such rings as GDAL does (appending the first position, each repair listed in the "
                    + "parity report and the receipt), set " + UnclosedRingPolicy.SETTING + " to close");
        }
        return to;
    }

    private boolean isClosed(int first, int last) {
        return buffer.x(first) == buffer.x(last) && buffer.y(first) == buffer.y(last)
                && buffer.zOrZero(first) == buffer.zOrZero(last);
    }

    /** A LineString's positions; returns the end index. Empty is allowed, a single position is not. */
    private int line(JsonParser p, String what) throws IOException {
        int start = buffer.size();
        int end = positions(p);
        if (end - start == 1) {
            throw malformed(p, what + " has 1 position; a LineString needs at least 2");
        }
        return end;
    }

    /** An array of positions; the parser is on its START_ARRAY. Returns the end index in the buffer. */
    private int positions(JsonParser p) throws IOException {
        while (nextList(p, "position") != JsonToken.END_ARRAY) {
            position(p, false);
        }
        return buffer.size();
    }

    private JsonToken nextList(JsonParser p, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY && t != JsonToken.END_ARRAY) {
            throw malformed(p, "expected a " + what + " (an array) but found " + describe(t));
        }
        return t;
    }

    /** One position; the parser is on its START_ARRAY. Values beyond Z (M etc.) are read and ignored. */
    private void position(JsonParser p, boolean emptyAllowed) throws IOException {
        double x = 0;
        double y = 0;
        double z = Double.NaN;
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw malformed(p, "position value " + n + " must be a number but is " + describe(t));
            }
            switch (n++) {
                case 0 -> x = p.getDoubleValue();
                case 1 -> y = p.getDoubleValue();
                case 2 -> z = p.getDoubleValue();
                default -> { }
            }
        }
        if (n == 0 && emptyAllowed) {
            return;
        }
        if (n < 2) {
            throw malformed(p, "a position has " + n + " value" + (n == 1 ? "" : "s") + "; at least 2 are needed");
        }
        buffer.add(x, y, z);
    }

    private void expectArray(JsonParser p, String member) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw malformed(p, member + " must be an array but is " + describe(p.currentToken()));
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private BadInputException malformed(JsonParser p, String detail) {
        return site.at(FeatureRules.MALFORMED_GEOMETRY, location(p), detail);
    }

    private JsonLocation location(JsonParser p) {
        return replayedAt != null ? replayedAt : p.currentTokenLocation();
    }
}
