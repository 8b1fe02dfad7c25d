package org.kfm.projection.migrate.lint;

import java.util.Locale;

/** How bad a finding is: any error fails the lint (exit code 1); warnings are reported only. */
public enum Severity {
    ERROR,
    WARNING;

    /** Lower-case name as printed: {@code error}, {@code warning}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
