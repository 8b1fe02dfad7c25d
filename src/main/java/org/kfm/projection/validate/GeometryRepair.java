package org.kfm.projection.validate;

import java.util.Objects;

/**
 * One geometry replaced by {@code ST_MakeValid} under {@link InvalidGeometryPolicy#REPAIR}.
 *
 * @param featureId  the feature's id
 * @param reason     {@code ST_IsValidReason} before the repair
 * @param typeBefore {@code GeometryType} before, e.g. {@code POLYGON}
 * @param typeAfter  {@code GeometryType} after, e.g. {@code MULTIPOLYGON}; may have a lower dimension
 *                   when a part collapsed (a polygon of three points becomes a {@code LINESTRING})
 */
public record GeometryRepair(String featureId, String reason, String typeBefore, String typeAfter) {
    public GeometryRepair {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(typeBefore, "typeBefore");
        Objects.requireNonNull(typeAfter, "typeAfter");
    }

    public boolean typeChanged() {
        return !typeBefore.equals(typeAfter);
    }
}
