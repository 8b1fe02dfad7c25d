package org.kfm.projection.ops;

/** How a run ended. {@code ABANDONED} marks a run whose process died without saying so. */
public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED, SKIPPED, ABANDONED
}
