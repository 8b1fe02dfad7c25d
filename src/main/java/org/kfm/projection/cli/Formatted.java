package org.kfm.projection.cli;

/** A command with {@code --format}: the error handler prints a failure as JSON on stdout when it is json. */
interface Formatted {
    boolean json();
}
