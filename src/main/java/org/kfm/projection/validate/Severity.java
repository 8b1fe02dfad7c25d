package org.kfm.projection.validate;

import java.util.Locale;

/** How bad a parity finding is. Any {@link #FAIL} finding fails parity; the others are reported only. */
public enum Severity {
    FAIL,
    WARN,
    INFO;

    /** Lower-case name as rendered: {@code fail}, {@code warn}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
