package org.kfm.projection.cli;

/** How a command prints its result: text for people, or one JSON document on stdout for scripts. */
public enum OutputFormat {
    TEXT, JSON
}
