package org.kfm.projection.validate;

import java.util.Comparator;
import java.util.Objects;

/**
 * One parity finding: which rule, how bad, for which dataset version, the compared values and a
 * sentence an operator can act on.
 *
 * @param rule             the rule that was checked
 * @param severity         {@link Severity#FAIL} blocks the swap; the others are reported only
 * @param datasetVersionId the dataset version, or null for schema-wide rules ({@code shrink}, {@code reader-grant})
 * @param expected         the value the rule requires, e.g. {@code 1200} or a digest
 * @param actual           the value found, e.g. {@code 1199}
 * @param message          what was found and what to do
 */
public record Finding(ParityRule rule, Severity severity, String datasetVersionId, String expected, String actual,
                      String message) {
    /** Failures first, then warnings, then information; within those by dataset version and rule. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.datasetVersionId() == null ? "" : f.datasetVersionId())
            .thenComparing(Finding::rule).thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(message, "message");
    }

    public boolean isFailure() {
        return severity == Severity.FAIL;
    }
}
