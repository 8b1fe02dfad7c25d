package org.kfm.projection.cli;

/** A command with {@code --format}: the error handler prints a failure as JSON on stdout when it is json. */
interface Formatted {
    boolean json();

    /** The id of the run the command recorded, once known: a failed run's document names it. */
    default java.util.UUID runId() {
        return null;
    }
}
