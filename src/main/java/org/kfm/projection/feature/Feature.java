package org.kfm.projection.feature;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature read from an artifact.
 *
 * @param index 0-based position of the feature in the artifact
 * @param id the feature id (GeoJSON {@code id} member rendered as text, or the configured id property)
 * @param geometry the geometry, already transformed: {@code geometry.getSRID()} is the reader's target EPSG
 * @param propertiesJson compact JSON object text of the feature's properties, or {@code null} when absent
 */
public record Feature(long index, String id, Geometry geometry, String propertiesJson) {
}
