package org.kfm.projection.validate;

import java.util.Locale;
import java.util.Objects;

/**
 * One invalid or empty geometry, as listed in the report.
 *
 * @param featureId the feature's id
 * @param problem   invalid or empty
 * @param reason    {@code ST_IsValidReason(geom)}, e.g. {@code Self-intersection[0.5 0.5]}
 */
public record GeometryIssue(String featureId, Problem problem, String reason) {
    public enum Problem {
        INVALID,
        EMPTY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GeometryIssue {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(reason, "reason");
    }
}
