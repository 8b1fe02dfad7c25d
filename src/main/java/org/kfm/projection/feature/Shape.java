package org.kfm.projection.feature;

/**
 * The structure of one parsed geometry over a {@link CoordinateBuffer}: which positions form which rings,
 * lines and parts. Turned into JTS by {@link ShapeAssembler} once the dimension of the whole geometry is known.
 *
 * @param start first position (Point, LineString, MultiPoint, first ring or line)
 * @param ends exclusive end position of each ring (Polygon) or line (MultiLineString), or of the single
 *     sequence (Point, LineString, MultiPoint: one element)
 * @param parts polygons of a MultiPolygon, members of a GeometryCollection; null otherwise
 */
record Shape(GeometryKind kind, int start, int[] ends, Shape[] parts) {
}
