package org.kfm.projection.feature;

/** The GeoJSON geometry types, by their {@code type} member. */
enum GeometryKind {
    POINT("Point"), LINE_STRING("LineString"), POLYGON("Polygon"), MULTI_POINT("MultiPoint"),
    MULTI_LINE_STRING("MultiLineString"), MULTI_POLYGON("MultiPolygon"), GEOMETRY_COLLECTION("GeometryCollection");

    private final String type;

    GeometryKind(String type) {
        this.type = type;
    }

    /** The GeoJSON {@code type} value. */
    String type() {
        return type;
    }

    /** Null when {@code type} is not a GeoJSON geometry type (matching is case-sensitive, as in RFC 7946). */
    static GeometryKind of(String type) {
        return switch (type) {
            case "Point" -> POINT;
            case "LineString" -> LINE_STRING;
            case "Polygon" -> POLYGON;
            case "MultiPoint" -> MULTI_POINT;
            case "MultiLineString" -> MULTI_LINE_STRING;
            case "MultiPolygon" -> MULTI_POLYGON;
            case "GeometryCollection" -> GEOMETRY_COLLECTION;
            default -> null;
        };
    }
}
