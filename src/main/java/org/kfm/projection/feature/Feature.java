package org.kfm.projection.feature;

import java.nio.charset.StandardCharsets;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature read from an artifact.
 *
 * @param index 0-based position of the feature in the artifact
 * @param id the feature id (GeoJSON {@code id} member rendered as text, or the configured id property)
 * @param geometry the geometry, already transformed: {@code geometry.getSRID()} is the reader's target EPSG
 * @param properties the feature's properties as the UTF-8 text of one JSON object, or {@code null} when
 *     absent. GeoJSON readers pass the object's bytes exactly as the artifact has them (whitespace
 *     included); FlatGeobuf builds compact JSON from its columns. Not copied: do not modify.
 */
public record Feature(long index, String id, Geometry geometry, byte[] properties) {
    /** The properties as a string, or {@code null} when absent. */
    public String propertiesJson() {
        return properties == null ? null : new String(properties, StandardCharsets.UTF_8);
    }
}
