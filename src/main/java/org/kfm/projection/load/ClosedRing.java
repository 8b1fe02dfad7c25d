package org.kfm.projection.load;

import java.util.Objects;

/**
 * A feature whose unclosed ring(s) the reader closed under {@code kfm.input.unclosed-ring = close}
 * (the first position appended, as GDAL does): what was loaded differs from the artifact's bytes.
 *
 * @param featureId the feature's id
 * @param evidenceRef its {@code evidence_ref} ({@code <item>/<asset>#<feature index>})
 * @param rings how many of its rings were closed
 */
public record ClosedRing(String featureId, String evidenceRef, int rings) {
    public ClosedRing {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(evidenceRef, "evidenceRef");
    }
}
