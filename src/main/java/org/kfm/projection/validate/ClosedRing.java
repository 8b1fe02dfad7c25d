package org.kfm.projection.validate;

import java.util.Objects;

/**
 * A feature the loader stored with its unclosed ring(s) closed ({@code kfm.input.unclosed-ring = close}):
 * a repair of the input, listed like a geometry repaired under {@link InvalidGeometryPolicy#REPAIR}.
 *
 * @param featureId   the feature's id
 * @param evidenceRef where it came from ({@code <item>/<asset>#<feature index>})
 * @param rings       how many of its rings were closed
 */
public record ClosedRing(String featureId, String evidenceRef, int rings) {
    public ClosedRing {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(evidenceRef, "evidenceRef");
    }
}
