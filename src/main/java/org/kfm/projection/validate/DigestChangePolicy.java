package org.kfm.projection.validate;

/**
 * What a dataset version whose geometry digest differs between live and shadow means (DESIGN §5
 * rule 3): the rebuild is not deterministic, or an artifact changed without a new version.
 */
public enum DigestChangePolicy {
    /** Parity fails. The default. */
    FAIL,
    /** Reported as a warning; the swap may go ahead. */
    WARN
}
