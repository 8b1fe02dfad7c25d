package org.kfm.projection.diff;

/**
 * One feature that differs, as the server reported it. The geometries (GeoJSON text) and properties
 * (JSON text) are present only when the caller asked for them, and only for the sides that have the
 * feature: an added feature has no old side, a removed one no new side.
 */
public record ChangedFeature(String datasetVersionId, String featureId, Change change, boolean geometryChanged,
        boolean propertiesChanged, String oldGeometry, String newGeometry, String oldProperties,
        String newProperties) {
}
