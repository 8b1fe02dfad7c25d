package org.kfm.projection.migrate.lint;

import java.util.Locale;

/** The fields of a migration's comment header, in the order they are written. */
public enum HeaderField {
    PURPOSE,
    RISK,
    ROLLBACK,
    NOTES,
    REBUILD;

    /** As written in a header: {@code Purpose}, {@code Risk}, ... */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
