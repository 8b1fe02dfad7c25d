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
 * @param closedRings how many of the geometry's rings were unclosed in the artifact and closed by the reader
 *     ({@link UnclosedRingPolicy#CLOSE}); 0 for a feature read exactly as published
 */
public record Feature(long index, String id, Geometry geometry, byte[] properties, int closedRings) {
    /** A feature read exactly as published. */
    public Feature(long index, String id, Geometry geometry, byte[] properties) {
        this(index, id, geometry, properties, 0);
    }

    /** The properties as a string, or {@code null} when absent. */
    public String propertiesJson() {
        return properties == null ? null : new String(properties, StandardCharsets.UTF_8);
    }
}
