package org.kfm.projection.run;

/** The states of a rebuild, in order; the last four end a run. */
public enum Phase {
    REQUESTED, LOCKED, PREPARING, MIGRATING, LOADING, INDEXING, VALIDATING, SWAPPING, SUCCEEDED, FAILED, CANCELLED,
    REFUSED;

    /** Step number for log lines ("step 4/8"), 0 for terminal states. */
    public int step() {
        return ordinal() <= SWAPPING.ordinal() ? ordinal() + 1 : 0;
    }

    public static int steps() {
        return SWAPPING.ordinal() + 1;
    }
}
