package org.kfm.projection.history;

/**
 * How a run ended. {@code REFUSED}: it never started its work because another run held the lock
 * (recorded so the attempt is visible, but left out of the default run lists). {@code ABANDONED}
 * marks a run whose process died without saying so.
 */
public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED, SKIPPED, REFUSED, ABANDONED;

    /** Case-insensitive, for filters; empty when no outcome has that name. */
    public static java.util.Optional<RunOutcome> parse(String text) {
        for (RunOutcome o : values()) {
            if (o.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }
}
